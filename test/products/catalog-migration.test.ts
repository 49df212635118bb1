import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, isPostgres, type Db } from '@/lib/db';
import { listCatalog } from '@/lib/products/catalog';
import { backfillListings } from '@/lib/products/listing-backfill';
import { LISTING_VERSION } from '@/lib/products/listing';
import { catalogQuerySchema } from '@/lib/products/schemas';
import { migrationFolders } from '@/scripts/pg-migrate';

// The upgrade an existing portal goes through: products published before the
// listing columns existed, then `npm run migrate` (scripts/db.ts deploy),
// which applies the migration and derives the columns and the search index
// from each stored document, keeping updatedAt. On SQLite, or on PostgreSQL
// with LANYARD_TEST_POSTGRES_URL.

const ROOT = path.resolve(__dirname, '../..');
const FIRST_NEW = 'product_listing';
const postgresServer = process.env.LANYARD_TEST_POSTGRES_URL;

const doc = (i: number) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: `Legacy ${i}`, version: '1.0.0' },
    servers: [{ url: `https://legacy.example.com/${i}` }],
    tags: [{ name: 'legacy' }],
    paths: {
      '/a': { get: { summary: `Fetch the ${i === 7 ? 'platypus' : 'thing'}`, responses: {} }, post: { tags: ['writes'], responses: {} } },
    },
  });

let url: string;
let db: Db;
let cleanup: () => Promise<void>;
const updatedAt = new Map<string, string>();

/** The SQL files of one history, before and from the listing migration. */
function histories(dir: string) {
  const all = migrationFolders(path.join(ROOT, dir));
  const at = all.findIndex((m) => m.name.endsWith(FIRST_NEW));
  return { before: all.slice(0, at), rest: all.slice(at) };
}

async function legacyDatabase(): Promise<void> {
  const rows = Array.from({ length: 45 }, (_, i) => [`legacy-${i}`, `legacy-${i}`, `legacy-${i}`, `Legacy ${i}`, doc(i)]);
  if (postgresServer) {
    const name = `lanyard_migration_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresServer });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(postgresServer);
    u.pathname = `/${name}`;
    url = u.toString();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The old migrations, recorded as applied, as `npm run migrate` once left them.
    await client.query(`CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    for (const m of histories('prisma/migrations-postgresql').before) {
      await client.query(m.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
        [crypto.randomUUID(), m.checksum, m.name],
      );
    }
    for (const [i, r] of rows.entries()) {
      await client.query(
        `INSERT INTO "ApiProduct" ("id", "apiProductId", "slug", "name", "openapi", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6)`,
        [...r, new Date(Date.UTC(2025, 0, 1) + i * 60_000)],
      );
    }
    await client.end();
    cleanup = async () => {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-migration-'));
    url = `file:${path.join(dir, 'legacy.db')}`;
    const client = createClient({ url });
    await client.execute(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL,
      "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    for (const m of histories('prisma/migrations').before) {
      await client.executeMultiple(m.sql);
      await client.execute({
        sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES (?, ?, ?, current_timestamp, 1)`,
        args: [crypto.randomUUID(), m.checksum, m.name],
      });
    }
    for (const [i, r] of rows.entries()) {
      await client.execute({
        sql: `INSERT INTO "ApiProduct" ("id", "apiProductId", "slug", "name", "openapi", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
        args: [...r, Date.UTC(2025, 0, 1) + i * 60_000],
      });
    }
    client.close();
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  await legacyDatabase();
  // What an operator runs on upgrade.
  execFileSync(process.execPath, ['--import', 'tsx', '--import', './scripts/node/server-only.mjs', 'scripts/db.ts', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  });
  db = createDb(url);
  const rows = await db.apiProduct.findMany({ select: { id: true, updatedAt: true } });
  for (const r of rows) updatedAt.set(r.id, r.updatedAt.toISOString());
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await cleanup?.();
});

describe('upgrading a catalog published before the listing columns', () => {
  it('derives every product’s listing columns from its stored document', async () => {
    const rows = await db.apiProduct.findMany({
      select: { apiProductId: true, operationCount: true, tags: true, servers: true, searchText: true, listingVersion: true },
      orderBy: { apiProductId: 'asc' },
    });
    expect(rows).toHaveLength(45);
    for (const r of rows) {
      expect(r).toMatchObject({ operationCount: 2, tags: '["legacy","writes"]', listingVersion: LISTING_VERSION });
      expect(JSON.parse(r.servers)).toEqual([`https://legacy.example.com/${r.apiProductId.slice(7)}`]);
      expect(r.searchText).toContain(r.apiProductId);
    }
  });

  it('keeps updatedAt: deriving columns is not an update anyone made', async () => {
    const first = await db.apiProduct.findUniqueOrThrow({ where: { id: 'legacy-0' }, select: { updatedAt: true } });
    expect(first.updatedAt.toISOString()).toBe(new Date(Date.UTC(2025, 0, 1)).toISOString());
    const last = await db.apiProduct.findUniqueOrThrow({ where: { id: 'legacy-44' }, select: { updatedAt: true } });
    expect(last.updatedAt.toISOString()).toBe(new Date(Date.UTC(2025, 0, 1) + 44 * 60_000).toISOString());
  });

  it('the search index holds the backfilled text: an operation summary finds its product', async () => {
    const page = await listCatalog(db, catalogQuerySchema.parse({ q: 'platypus' }));
    expect(page.items.map((p) => p.apiProductId)).toEqual(['legacy-7']);
    const tagged = await listCatalog(db, catalogQuerySchema.parse({ tag: 'writes' }));
    expect(tagged.total).toBe(45);
  });

  it('has nothing left to do on a second run', async () => {
    expect(await backfillListings(db)).toBe(0);
    const rows = await db.apiProduct.findMany({ select: { id: true, updatedAt: true } });
    for (const r of rows) expect(r.updatedAt.toISOString()).toBe(updatedAt.get(r.id));
  });

  it('keeps the search index’s triggers (SQLite) or trigram index (PostgreSQL) in place', async () => {
    if (isPostgres(db)) {
      const rows = await db.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE tablename = 'ApiProduct'`;
      expect(rows.some((r) => /gin \(lower\("searchText"\) gin_trgm_ops\)/.test(r.indexdef))).toBe(true);
    } else {
      const rows = await db.$queryRaw<
        { name: string }[]
      >`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ApiProduct' ORDER BY name`;
      expect(rows.map((r) => r.name)).toEqual(['ApiProduct_search_delete', 'ApiProduct_search_insert', 'ApiProduct_search_update']);
    }
  });
});

describe('the documents at the end of their rows (SQLite)', () => {
  it('keeps openapi the last column of ApiProduct and ProductVersion, and the search index answering for new products', async () => {
    if (isPostgres(db)) return; // TOAST keeps big values out of line: column order costs nothing there.
    for (const table of ['ApiProduct', 'ProductVersion']) {
      const columns = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`);
      expect(columns.at(-1)?.name, table).toBe('openapi');
    }
    // Rows kept their rowids through the copy: a search still finds the product it names, and a new row is indexed.
    expect((await listCatalog(db, catalogQuerySchema.parse({ q: 'platypus' }))).items.map((p) => p.apiProductId)).toEqual(['legacy-7']);
    await db.apiProduct.create({
      data: {
        id: 'fresh',
        apiProductId: 'fresh',
        slug: 'fresh',
        name: 'Fresh',
        openapi: '{}',
        searchText: 'Fresh\nfresh\n\n\nwombat census',
      },
    });
    expect((await listCatalog(db, catalogQuerySchema.parse({ q: 'wombat' }))).items.map((p) => p.apiProductId)).toEqual(['fresh']);
  });
});

describe('the catalog’s name order', () => {
  it('is answered from an index, not by sorting every product', async () => {
    if (isPostgres(db)) {
      const rows = await db.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE tablename = 'ApiProduct'`;
      expect(rows.some((r) => /\(lower\(name\) COLLATE "C", id COLLATE "C"\)/.test(r.indexdef))).toBe(true);
    } else {
      // The ORDER BY the catalog's first page sends (lib/products/catalog.ts).
      const plan = await db.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN SELECT p."slug" FROM "ApiProduct" p ORDER BY p."name" COLLATE NOCASE, p."id" LIMIT 25`,
      );
      expect(plan.map((r) => r.detail)).toEqual(['SCAN p USING INDEX ApiProduct_name_nocase_idx']);
    }
  });
});
