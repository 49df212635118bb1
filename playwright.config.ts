import { defineConfig } from '@playwright/test';
import { SPI_TOKEN } from './e2e/support/spi';
import { chromiumLaunchOptions } from './e2e/chromium';

// End-to-end tests drive Debian's Chromium (no browser downloads on these
// machines) against the production build, started exactly as `npm start`
// starts it, on its own port and its own fresh database.

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  // The two-replica specs run against haproxy (scripts/e2e-replicas.sh), not this server.
  testIgnore: ['replicas/**'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: E2E_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'bash scripts/e2e-server.sh',
    url: `${E2E_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      LANYARD_URL: E2E_URL,
      DATABASE_URL: `file:./.data/e2e-${PORT}.db`,
      LANYARD_SPI_TOKEN: SPI_TOKEN,
    },
  },
});
