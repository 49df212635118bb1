import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { createDb, type Db, type DbOptions } from '@/lib/db';
import { migratePostgres } from '@/scripts/pg-migrate';

// A real SQLite file per test file, built from the committed migrations (the
// same SQL `prisma migrate deploy` applies), deleted afterwards.

const MIGRATIONS = path.resolve(__dirname, '../../prisma/migrations');

export interface TestDb {
  db: Db;
  url: string;
  cleanup(): Promise<void>;
}

/** With LANYARD_TEST_POSTGRES_URL (a server's admin URL), each test file gets its own fresh PostgreSQL database instead. */
async function createPostgresTestDb(server: string, options: DbOptions): Promise<TestDb> {
  const name = `lanyard_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migratePostgres(url, () => {});
  const db = createDb(url, options);
  return {
    db,
    url,
    async cleanup() {
      await db.$disconnect();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** options.onQuery sees every query's SQL (lib/db.ts). */
export async function createTestDb(options: DbOptions = {}): Promise<TestDb> {
  if (process.env.LANYARD_TEST_POSTGRES_URL) return createPostgresTestDb(process.env.LANYARD_TEST_POSTGRES_URL, options);
  const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-test-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const raw = createClient({ url });
  for (const name of readdirSync(MIGRATIONS)
    .filter((n) => !n.endsWith('.toml'))
    .sort()) {
    await raw.executeMultiple(readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8'));
  }
  raw.close();
  const db = createDb(url, options);
  return {
    db,
    url,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
