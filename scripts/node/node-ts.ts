import path from 'node:path';

/**
 * Node arguments for running one of Lanyard's TypeScript entry points
 * (server.ts, scripts/*.ts) as a child process: TypeScript through tsx, and
 * the 'server-only' marker resolved as on a server (server-only.mjs).
 */
export const NODE_TS_ARGS = ['--import', 'tsx', '--import', path.resolve(import.meta.dirname, 'server-only.mjs')];
