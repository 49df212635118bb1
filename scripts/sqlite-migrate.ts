import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client';
import { migrationFolders } from './pg-migrate';

// Applies prisma/migrations/*/migration.sql to a SQLite file in name order,
// as `prisma migrate deploy` does (docs/adr/0004-postgresql.md): each
// script as a whole, then its row in Prisma's own _prisma_migrations table,
// so the two can take turns on one database. It needs nothing but the libSQL
// client, so a production image carries no Prisma CLI.

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export async function migrateSqlite(url: string, log: (line: string) => void = console.log): Promise<string[]> {
  const client = createClient({ url });
  try {
    await client.execute(CREATE_TABLE);
    const { rows } = await client.execute(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const failed = rows.find((r) => r.finished_at === null);
    if (failed) throw new Error(`migration ${String(failed.migration_name)} started but did not finish; resolve it first`);
    const done = new Map(rows.map((r) => [String(r.migration_name), String(r.checksum)]));
    const applied: string[] = [];
    for (const m of migrationFolders('prisma/migrations')) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) log(`warning: ${m.name} was edited after it was applied`);
        continue;
      }
      const id = randomUUID();
      await client.execute({
        sql: 'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, current_timestamp)',
        args: [id, m.checksum, m.name],
      });
      try {
        await client.executeMultiple(m.sql);
      } catch (error) {
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await client.execute({
        sql: 'UPDATE "_prisma_migrations" SET finished_at = current_timestamp, applied_steps_count = 1 WHERE id = ?',
        args: [id],
      });
      applied.push(m.name);
      log(`applied ${m.name}`);
    }
    if (applied.length === 0) log('No pending migrations to apply.');
    return applied;
  } finally {
    client.close();
  }
}
