import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// Applies prisma/migrations-postgresql/*/migration.sql in name order, each in
// its own transaction, from ONE session that holds a session-level advisory
// lock. pg_advisory_lock waits as long as it takes, so N replicas starting on
// an empty database queue up: the first applies, the rest find nothing to do.
// The bookkeeping is Prisma's own _prisma_migrations table (same columns and
// sha256 checksum), so `prisma migrate status` reads what this wrote, and the
// lock key is Prisma Migrate's, so this and the CLI exclude each other.

const MIGRATE_LOCK_KEY = 72707369;
const DIR = path.join('prisma', 'migrations-postgresql');

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function migrationFolders(dir = DIR): Array<{ name: string; sql: string; checksum: string }> {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migratePostgres(url: string, log: (line: string) => void = console.log): Promise<string[]> {
  const migrations = migrationFolders();
  const client = new pg.Client({ connectionString: url, application_name: 'lanyard-migrate' });
  await client.connect();
  try {
    // Wait for the lock as long as it takes, whatever the server's defaults.
    await client.query('SET lock_timeout = 0; SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY]);
    await client.query('RESET lock_timeout; RESET statement_timeout');
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const failed = rows.find((r) => r.finished_at === null);
    if (failed) throw new Error(`migration ${failed.migration_name} started but did not finish; resolve it first`);
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const m of migrations) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) log(`warning: ${m.name} was edited after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql); // simple query protocol: the whole file at once
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.name);
      log(`applied ${m.name}`);
    }
    if (applied.length === 0) log('No pending migrations to apply.');
    return applied;
  } finally {
    await client.end(); // ends the session, which releases the advisory lock
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? '';
  const t0 = performance.now();
  migratePostgres(url, (l) => console.log(`[${process.pid}] ${l}`))
    .then(() => console.log(`[${process.pid}] done in ${Math.round(performance.now() - t0)} ms`))
    .catch((e) => {
      console.error(`[${process.pid}] ${(e as Error).message}`);
      process.exit(1);
    });
}
