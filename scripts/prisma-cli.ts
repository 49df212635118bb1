import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isPostgresUrl } from '../lib/db-url';
import { DEFAULT_DATABASE_URL } from '../lib/env';
import { loadEnvFiles } from '../lib/server/load-env-files';

loadEnvFiles();

// Runs Prisma's CLI without ever letting it download an engine: prisma.config.ts
// routes Migrate through the WASM schema engine and the libSQL driver adapter,
// and these variables point the engine lookups at a file that exists, which
// stops the CLI from fetching binaries it would not use (docs/adr/0002-prisma-6-driver-adapters.md).

export function prisma(args: string[], extraEnv: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  // prisma.config.ts opens the default SQLite file even for commands that only
  // compare schemas; on a fresh clone its folder must exist.
  if (!isPostgresUrl(extraEnv.DATABASE_URL ?? process.env.DATABASE_URL ?? '')) mkdirSync('.data', { recursive: true, mode: 0o700 });
  const cli = path.resolve('node_modules/prisma/build/index.js');
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
      PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
      ...extraEnv,
    },
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

export function prismaOrExit(args: string[], extraEnv: Record<string, string> = {}): string {
  const result = prisma(args, extraEnv);
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    process.exit(result.status);
  }
  return result.stdout;
}
