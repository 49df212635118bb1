import path from 'node:path';

/**
 * Node arguments for running one of Lanyard's TypeScript entry points
 * (scripts/*.ts, server.ts in development) as a child process: TypeScript
 * through tsx, and the 'server-only' marker resolved as on a server
 * (server-only.mjs).
 */
export const NODE_TS_ARGS = ['--import', 'tsx', '--import', path.resolve(import.meta.dirname, 'server-only.mjs')];

/**
 * The production server: server.ts compiled by scripts/build-server.ts (the
 * second step of `npm run build`), run by Node without tsx.
 */
export const SERVER_BUNDLE = '.next/lanyard/server.mjs';

const DEFAULT_HEAP_MB = 384;

/**
 * The portal server's V8 heap cap (LANYARD_HEAP_MB, default 384). Without
 * one, V8 lets the old generation grow towards its default limit under load
 * (a process settled above 900 MB in `npm run bench:portal`) though what is
 * live stays far smaller; with 300 MB the same run peaked at 461 MB at the
 * same throughput. Big OpenAPI documents are checked in a worker thread with
 * a heap of its own (lib/products/openapi.ts).
 */
export function serverNodeArgs(value = process.env.LANYARD_HEAP_MB): string[] {
  const mb = value === undefined || value === '' ? DEFAULT_HEAP_MB : Number(value);
  if (!Number.isInteger(mb) || mb < 128 || mb > 65_536) {
    throw new Error(`LANYARD_HEAP_MB must be a whole number of megabytes from 128 to 65536 (got ${JSON.stringify(value)})`);
  }
  return [`--max-old-space-size=${mb}`];
}
