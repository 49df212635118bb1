import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadEnvFiles } from '../lib/server/load-env-files';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { NODE_TS_ARGS } from './node/node-ts';

// `npm start`: build if the sources changed since the last build, apply
// migrations, seed, then serve the production build (server.ts).

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

function needsBuild(): boolean {
  const buildId = '.next/BUILD_ID';
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

loadEnvFiles();
ensureAuthSecret();
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const nodeTs = (script: string): [string, string[]] => [process.execPath, [...NODE_TS_ARGS, ...script.split(' ')]];

if (!existsSync('lib/generated/prisma/client.ts')) run(...nodeTs('scripts/db.ts generate'));
if (needsBuild()) {
  console.log('Building the portal (sources changed since the last build)…');
  run(path.resolve('node_modules/.bin/next'), ['build']);
}
run(...nodeTs('scripts/db.ts deploy'));
run(...nodeTs('scripts/seed.ts'));

const server = spawn(...nodeTs('server.ts'), {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
