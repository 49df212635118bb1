import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

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

export function sourcesChangedSinceBuild(): boolean {
  const buildId = '.next/BUILD_ID';
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (sourcesChangedSinceBuild()) {
    console.log('Building the portal (sources changed since the last build)…');
    const result = spawnSync(path.resolve('node_modules/.bin/next'), ['build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    process.exit(result.status ?? 1);
  }
}
