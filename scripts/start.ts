import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { loadEnvFiles } from '../lib/server/load-env-files';
import { sourcesChangedSinceBuild } from './build-if-changed';
import { NODE_TS_ARGS, SERVER_BUNDLE, serverNodeArgs } from './node/node-ts';

// `npm start`: build only when there is no build yet (a fresh clone), apply
// the migrations and seed unless told not to, then serve the production
// build (server.ts, compiled: scripts/build-server.ts). A built tree is never rebuilt, so N replicas can start
// from one image at once (docs/architecture.md, "Production topology"):
//
//   LANYARD_MIGRATE_ON_START=off   a one-off `npm run migrate` job does it
//   LANYARD_SEED_ON_START=off      nothing to seed (production mode)

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const on = (name: string) => (process.env[name] ?? 'on') !== 'off';

loadEnvFiles();
// Files created from here on (the SQLite database, its journal) are the owner's only.
process.umask(0o077);
ensureAuthSecret();
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const nodeTs = (script: string): [string, string[]] => [process.execPath, [...NODE_TS_ARGS, ...script.split(' ')]];

if (!existsSync('lib/generated/prisma/client.ts')) run(...nodeTs('scripts/db.ts generate'));
const unbuilt = !existsSync('.next/BUILD_ID');
if (unbuilt) {
  console.log('Building the portal (no build yet)…');
  run(path.resolve('node_modules/.bin/next'), ['build']);
}
// `npm run build` makes both; a tree built by `next build` alone lacks the server's.
if (!existsSync(SERVER_BUNDLE)) run(...nodeTs('scripts/build-server.ts'));
if (!unbuilt && process.env.NODE_ENV !== 'production' && sourcesChangedSinceBuild()) {
  console.warn('Note: the sources changed since the last build; `npm run build` (or `npm run dev`) to serve them.');
}
if (on('LANYARD_MIGRATE_ON_START')) run(...nodeTs('scripts/db.ts deploy'));
if (on('LANYARD_SEED_ON_START')) run(...nodeTs('scripts/seed.ts'));

const server = spawn(process.execPath, [...serverNodeArgs(), SERVER_BUNDLE], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
