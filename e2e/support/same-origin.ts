// What a browser adds to the portal's own writes: its Origin. The portal
// refuses a state-changing API call without it (lib/http/cross-site.ts), so
// API calls made outside the page (Playwright's request contexts) send it too.
export const E2E_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
export const sameOrigin = { origin: E2E_ORIGIN };
