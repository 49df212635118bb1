import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { CachedSqliteAdapterFactory } from './db-sqlite';
import { isPostgresUrl } from './db-url';
import { env } from './env';

export type Db = PrismaClient;

// SQLite's LIKE (what `contains` compiles to) ignores ASCII case; PostgreSQL's
// does not. The PG client adds `mode: 'insensitive'` (ILIKE) to every
// contains/startsWith/endsWith filter (where, and nested include/select
// wheres; never write payloads) so searches behave the same on both.
const TEXT_MATCH = ['contains', 'startsWith', 'endsWith'];
const WRITES = new Set(['data', 'create', 'update']);
function insensitive(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(insensitive);
  if (node === null || typeof node !== 'object' || node instanceof Date) return;
  const obj = node as Record<string, unknown>;
  if (TEXT_MATCH.some((k) => typeof obj[k] === 'string') && obj.mode === undefined) obj.mode = 'insensitive';
  for (const [key, value] of Object.entries(obj)) if (!WRITES.has(key)) insensitive(value);
}

// The custom server and Next's bundles each load this module, and the one
// client lives on globalThis: a registered symbol marks it for either copy.
const POSTGRES = Symbol.for('lanyard.db.postgres');

/** Whether this client talks to PostgreSQL (raw SQL and locks differ by dialect). */
export function isPostgres(client: PrismaClient): boolean {
  return (client as unknown as Record<symbol, unknown>)[POSTGRES] === true;
}

// Connections per process. Locks (lib/locks/) hold one while their holder
// works on others, so the pool is larger than Prisma's default of 10.
const POOL_SIZE = 20;

export interface DbOptions {
  /** Sees the SQL text of every query the client sends (tests assert on what lists read). */
  onQuery?: (sql: string) => void;
}

const queryEvents = () => ({ log: [{ emit: 'event' as const, level: 'query' as const }] });
type QueryEvents = { $on(event: 'query', listener: (e: { query: string }) => void): void };

// The connection Prisma's driver adapter opened, kept for the few writes that
// go around Prisma's query pipeline (lib/products/document-rows.ts): each
// client connects lazily, and again after a $disconnect, so the latest wins.
const DRIVER = Symbol.for('lanyard.db.driver');
type DriverHolder = { current?: SqlDriverAdapter; onQuery?: (sql: string) => void };

const holderOf = (client: PrismaClient) => (client as unknown as Record<symbol, DriverHolder | undefined>)[DRIVER];

function capturing(factory: SqlDriverAdapterFactory, holder: DriverHolder): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      holder.current = await factory.connect();
      return holder.current;
    },
  };
}

/**
 * The database driver under a client (the same connection or pool, and on
 * SQLite the same lock, as its Prisma queries): for statements whose values
 * are too big for Prisma's query compiler to handle cheaply.
 */
export async function driverOf(client: PrismaClient): Promise<SqlDriverAdapter> {
  const holder = holderOf(client);
  if (!holder) throw new Error('This client was not made by createDb');
  if (!holder.current) await client.$connect();
  return holder.current!;
}

/** Tells the client's query listener (DbOptions.onQuery) of a statement sent to its driver, as Prisma tells it of its own. */
export function noteDriverQuery(client: PrismaClient, sql: string): void {
  holderOf(client)?.onQuery?.(sql);
}

function postgresDb(url: string, options: DbOptions): PrismaClient {
  const holder: DriverHolder = { onQuery: options.onQuery };
  const base = new PostgresClient({
    adapter: capturing(new PrismaPg({ connectionString: url, max: POOL_SIZE }), holder),
    ...(options.onQuery && queryEvents()),
  });
  if (options.onQuery) (base as unknown as QueryEvents).$on('query', (e) => options.onQuery!(e.query));
  const client = base.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          insensitive(args);
          return query(args);
        },
      },
    },
  });
  // Same models, same result types; the PG client's inputs are a superset.
  const typed = client as unknown as PrismaClient;
  Object.defineProperty(typed, POSTGRES, { value: true });
  Object.defineProperty(typed, DRIVER, { value: holder });
  return typed;
}

// One client per process. The custom server (the embedded IdP) and Next's
// bundles load this module separately, so the instance lives on globalThis.
const globalForDb = globalThis as unknown as { __lanyardDb?: PrismaClient };

export function createDb(url: string, options: DbOptions = {}): PrismaClient {
  if (isPostgresUrl(url)) return postgresDb(url, options);
  const holder: DriverHolder = { onQuery: options.onQuery };
  const client = new PrismaClient({
    adapter: capturing(new CachedSqliteAdapterFactory({ url }), holder),
    ...(options.onQuery && queryEvents()),
  });
  if (options.onQuery) (client as unknown as QueryEvents).$on('query', (e) => options.onQuery!(e.query));
  Object.defineProperty(client, DRIVER, { value: holder });
  return client;
}

export function db(): PrismaClient {
  globalForDb.__lanyardDb ??= createDb(env().DATABASE_URL);
  return globalForDb.__lanyardDb;
}
