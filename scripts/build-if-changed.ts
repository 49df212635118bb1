import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SERVER_BUNDLE } from './node/node-ts';

// For development and the e2e tests: build when the sources are newer than
// the last build. `npm start` never does this (a built tree is served as it
// is, so that many replicas can start from one image).

const SOURCES = [
  'app',
  'components',
  'lib',
  'config',
  'public',
  'types',
  'next.config.ts',
  'postcss.config.mjs',
  'package.json',
  'prisma/schema.prisma',
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => name !== 'generated')
    .reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

// What the server bundle (scripts/build-server.ts) is compiled from.
const SERVER_SOURCES = ['server.ts', 'lib', 'config', 'package.json'];

const builtBefore = (output: string, sources: string[]) =>
  !existsSync(output) || sources.some((s) => newestMtime(s) > statSync(output).mtimeMs);

export function sourcesChangedSinceBuild(): boolean {
  return builtBefore('.next/BUILD_ID', SOURCES) || builtBefore(SERVER_BUNDLE, SERVER_SOURCES);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (builtBefore('.next/BUILD_ID', SOURCES)) {
    console.log('Building the portal (sources changed since the last build)…');
    const result = spawnSync(path.resolve('node_modules/.bin/next'), ['build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  // `next build` empties .next, the bundle with it. (Imported here only: esbuild is a build-time tool.)
  if (builtBefore(SERVER_BUNDLE, SERVER_SOURCES)) await (await import('./build-server')).buildServer();
}
