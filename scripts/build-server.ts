import { build } from 'esbuild';
import { SERVER_BUNDLE } from './node/node-ts';

// `npm run build`'s second step: server.ts and the lib/ modules it imports,
// compiled into one JavaScript file that the production server runs with
// plain Node (docs/architecture.md, "Processes and request routing"). Run
// through tsx instead, every process carried tsx's loader thread and its
// compiled copies of lib/: about 90 MB of resident memory for nothing, on
// every replica. Packages stay outside the bundle, loaded from node_modules
// as before. Development (`npm run dev`) still runs server.ts through tsx.

export async function buildServer(): Promise<void> {
  await build({
    entryPoints: ['server.ts'],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // What --import ./scripts/node/server-only.mjs does for tsx: on a server the marker is its empty module.
    alias: { 'server-only': './node_modules/server-only/empty.js' },
    // Readable stack traces: each module keeps its name and its path in a comment above it.
    keepNames: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
