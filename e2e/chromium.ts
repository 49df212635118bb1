// Debian's Chromium, as every browser run here starts it (the e2e configs,
// npm run bench:renderers): no sandbox (root in CI), no GPU, and none of the
// background traffic a fresh profile would otherwise start.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
