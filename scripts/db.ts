import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isPostgresUrl } from '../lib/db-url';
import { DEFAULT_DATABASE_URL } from '../lib/env';
import { ensurePrivateDataDir } from '../lib/server/data-dir';
import { migratePostgres } from './pg-migrate';
import { migrateSqlite } from './sqlite-migrate';
import { prisma, prismaOrExit } from './prisma-cli';

// Database commands that work offline (docs/adr/0002-prisma-6-driver-adapters.md, docs/adr/0004-postgresql.md):
//   generate      write schema.postgresql.prisma; generate both clients
//   deploy        apply committed migrations to DATABASE_URL (scripts/sqlite-migrate.ts, scripts/pg-migrate.ts)
//   new <name>    write the migration for what schema.prisma changed, for both databases
//   check         fail if either migration history does not produce its schema exactly
//                 (PostgreSQL only when LANYARD_CHECK_POSTGRES_URL names a server to use)

const SCHEMA = 'prisma/schema.prisma';
const PG_SCHEMA = 'prisma/schema.postgresql.prisma';
const PG_MIGRATIONS = 'prisma/migrations-postgresql';

/** The PostgreSQL schema is schema.prisma with two lines changed. */
export function derivePostgresSchema(sqlite: string): string {
  const swaps: Array<[RegExp, string]> = [
    [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'],
    [/^(\s*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/m, '$1"../lib/generated/prisma-pg"'],
  ];
  let out = `// Generated from schema.prisma by \`npm run db:generate\`: edit that file, not this one.\n${sqlite}`;
  for (const [from, to] of swaps) {
    if (!from.test(out)) throw new Error(`${SCHEMA}: expected to match ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

function writePostgresSchema(): boolean {
  const want = derivePostgresSchema(readFileSync(SCHEMA, 'utf8'));
  if (existsSync(PG_SCHEMA) && readFileSync(PG_SCHEMA, 'utf8') === want) return false;
  writeFileSync(PG_SCHEMA, want);
  return true;
}

// Tables the SQLite migrations create in raw SQL, outside Prisma's schema:
// the catalog's FTS5 index and its shadow tables
// (docs/adr/0009-catalog-search-trigram-indexes.md). `db pull` reads them
// back as models; they are left out of the comparison, or every new
// migration would drop them.
const RAW_SQL_TABLES = /^ApiProductSearch(_(config|content|data|docsize|idx))?$/;

// Indexes the SQLite migrations create in raw SQL because the schema cannot
// spell them (COLLATE NOCASE): `db pull` reads them back as plain @@index
// lines, which are left out for the same reason.
const RAW_SQL_INDEXES = ['ApiProduct_name_nocase_idx'];

/** The schema without the models of RAW_SQL_TABLES (and the comment lines above them) and the indexes of RAW_SQL_INDEXES. */
export function withoutRawSqlTables(schema: string): string {
  return schema
    .replace(/((?:^\/\/\/.*\n)*)^model (\w+) \{[^}]*\}\n*/gm, (block: string, _doc: string, name: string) =>
      RAW_SQL_TABLES.test(name) ? '' : block,
    )
    .replace(/^\s*@@index\(.*map: "(\w+)".*\)\n/gm, (line: string, map: string) => (RAW_SQL_INDEXES.includes(map) ? '' : line));
}

/** Applies the committed SQLite migrations to a fresh temporary database and reads its schema back. */
function schemaOfMigrations(): { file: string; pgFile: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-migrations-'));
  const env = { DATABASE_URL: `file:${path.join(dir, 'shadow.db')}` };
  prismaOrExit(['migrate', 'deploy'], env);
  const file = path.join(dir, 'schema.prisma');
  copyFileSync(SCHEMA, file);
  prismaOrExit(['db', 'pull', '--schema', file], env);
  writeFileSync(file, withoutRawSqlTables(readFileSync(file, 'utf8')));
  // The same tables, spelled for PostgreSQL: the base for the PostgreSQL migration.
  const pgFile = path.join(dir, 'schema.postgresql.prisma');
  writeFileSync(pgFile, derivePostgresSchema(readFileSync(file, 'utf8')));
  return { file, pgFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Schema-to-schema diffs need no database, but with a postgresql:// URL
// prisma.config.ts would open the PostgreSQL adapter first and fail offline;
// a file: URL keeps them on the libSQL adapter, which connects to nothing remote.
const OFFLINE = { DATABASE_URL: DEFAULT_DATABASE_URL };

function diff(from: string[], to: string, extraEnv: Record<string, string> = OFFLINE): { status: number; sql: string } {
  const result = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script', '--exit-code'], extraEnv);
  if (result.status === 1) {
    process.stderr.write(result.stdout + result.stderr);
    process.exit(1);
  }
  return { status: result.status, sql: result.stdout };
}

const folders = (dir: string) =>
  readdirSync(dir)
    .filter((n) => existsSync(path.join(dir, n, 'migration.sql')))
    .sort();

const [command, name] = process.argv.slice(2);

if (command === 'generate') {
  if (writePostgresSchema()) console.log(`Wrote ${PG_SCHEMA}.`);
  prismaOrExit(['generate', '--schema', SCHEMA]);
  prismaOrExit(['generate', '--schema', PG_SCHEMA]);
  console.log('Generated the Prisma clients (SQLite and PostgreSQL).');
} else if (command === 'deploy') {
  const url = process.env.DATABASE_URL ?? '';
  if (isPostgresUrl(url)) {
    await migratePostgres(url);
  } else {
    ensurePrivateDataDir();
    await migrateSqlite(url || DEFAULT_DATABASE_URL);
    // The file just created gets the owner-only mode too.
    ensurePrivateDataDir();
  }
  // Data the migrations cannot derive in SQL: the catalog's listing columns (lib/products/listing-backfill.ts).
  // Imported here, not at the top: `generate` (npm's postinstall) runs before
  // the Prisma client that lib/db.ts loads exists.
  const [{ createDb }, { backfillListings }] = await Promise.all([import('../lib/db'), import('../lib/products/listing-backfill')]);
  const client = createDb(url || DEFAULT_DATABASE_URL);
  try {
    const derived = await backfillListings(client);
    if (derived > 0) console.log(`Derived the listing columns of ${derived} API product${derived === 1 ? '' : 's'}.`);
  } finally {
    await client.$disconnect();
  }
} else if (command === 'check') {
  let failed = false;
  if (readFileSync(PG_SCHEMA, 'utf8') !== derivePostgresSchema(readFileSync(SCHEMA, 'utf8'))) {
    console.error(`${PG_SCHEMA} is stale; run \`npm run db:generate\`.`);
    failed = true;
  }
  const sqliteNames = folders('prisma/migrations').join(' ');
  if (folders(PG_MIGRATIONS).join(' ') !== sqliteNames) {
    console.error(`prisma/migrations and ${PG_MIGRATIONS} must hold the same migration names.`);
    failed = true;
  }
  const applied = schemaOfMigrations();
  const lite = diff(['--from-schema-datamodel', applied.file], SCHEMA);
  applied.cleanup();
  if (lite.status === 2) {
    console.error(`prisma/migrations does not match ${SCHEMA}; run \`npm run db:migration -- <name>\`. Missing:\n${lite.sql}`);
    failed = true;
  }
  const server = process.env.LANYARD_CHECK_POSTGRES_URL;
  if (server) {
    // Applies the PostgreSQL migrations to a temporary database that the
    // adapter creates and drops on that server (the "shadow database").
    const pg = diff(['--from-migrations', PG_MIGRATIONS], PG_SCHEMA, { DATABASE_URL: server });
    if (pg.status === 2) {
      console.error(`${PG_MIGRATIONS} does not match ${PG_SCHEMA}. Missing:\n${pg.sql}`);
      failed = true;
    }
  } else {
    console.log('PostgreSQL migrations not replayed (set LANYARD_CHECK_POSTGRES_URL to a server to use).');
  }
  if (failed) process.exit(1);
  console.log('Migrations match the schema.');
} else if (command === 'new' && name && /^[a-z0-9_]+$/.test(name)) {
  writePostgresSchema();
  const applied = schemaOfMigrations();
  const lite = diff(['--from-schema-datamodel', applied.file], SCHEMA);
  const pg = diff(['--from-schema-datamodel', applied.pgFile], PG_SCHEMA);
  applied.cleanup();
  if (lite.status === 0 && pg.status === 0) {
    console.log('The schema has no changes to migrate.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    for (const [dir, sql] of [
      ['prisma/migrations', lite.sql],
      [PG_MIGRATIONS, pg.sql],
    ] as const) {
      const folder = path.join(dir, `${stamp}_${name}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'migration.sql'), sql);
      console.log(`Wrote ${folder}/migration.sql:\n${sql}`);
    }
  }
} else {
  console.error('usage: tsx scripts/db.ts generate | deploy | check | new <snake_case_name>');
  process.exit(2);
}
