import { register } from 'node:module';

// Lanyard's own Node processes (server.ts, the scripts) are servers: there the
// 'server-only' marker resolves to its empty module, as it does in Next's
// server bundles. Client bundles still get the module that throws, which is
// what stops a secret-holding module from reaching the browser.
// Used as `node --import ./scripts/node/server-only.mjs` (see package.json).
register('./server-only-resolve.mjs', import.meta.url);
