import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { createDb, type Db } from '@/lib/db';

// A real SQLite file per test file, built from the committed migrations (the
// same SQL `prisma migrate deploy` applies), deleted afterwards.

const MIGRATIONS = path.resolve(__dirname, '../../prisma/migrations');

export interface TestDb {
  db: Db;
  url: string;
  cleanup(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-test-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const raw = createClient({ url });
  for (const name of readdirSync(MIGRATIONS)
    .filter((n) => !n.endsWith('.toml'))
    .sort()) {
    await raw.executeMultiple(readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8'));
  }
  raw.close();
  const db = createDb(url);
  return {
    db,
    url,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
