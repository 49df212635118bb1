import 'server-only';
import type { Client, Config } from '@libsql/client';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import Database from 'libsql';

// The SQLite connection under Prisma's libSQL adapter (lib/db.ts). The
// adapter asks its client for four things: execute, executeMultiple,
// transaction and close (node_modules/@prisma/adapter-libsql). @libsql/client
// answers execute by preparing the statement again each time, about 0.1 ms
// in libSQL, and by reading each statement's columns twice; a product page
// makes five statements and spent 13% of its time there. This client keeps
// up to STATEMENTS_KEPT statements prepared, with their columns, on one
// connection (docs/adr/0013-hot-reads-through-the-driver.md). It answers in
// @libsql/client's shapes: rows as arrays, integers as numbers (an integer a
// number cannot hold is an error, not a rounded value), blobs as ArrayBuffers,
// and errors with the SQLite code that the adapter maps to Prisma's
// (a unique violation stays P2002).

export const STATEMENTS_KEPT = 256;

type Value = null | string | number | bigint | ArrayBuffer | Uint8Array;

interface Prepared {
  statement: Database.Statement<unknown[]>;
  /** The columns of a statement that returns rows; null for one that does not (raw() throws on it). */
  columns: string[] | null;
  columnTypes: string[];
}

interface ResultSet {
  columns: string[];
  columnTypes: string[];
  rows: Value[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

/** The error shape the adapter recognises (a code, a raw SQLite code), as @libsql/client's LibsqlError. */
class SqliteClientError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly rawCode: number | undefined,
    cause: unknown,
  ) {
    super(`${code}: ${message}`, { cause });
    this.name = 'LibsqlError';
  }
}

function driverError(e: unknown): unknown {
  const err = e as { code?: unknown; rawCode?: unknown; message?: unknown };
  return e instanceof Error && typeof err.code === 'string'
    ? new SqliteClientError(String(err.message), err.code, typeof err.rawCode === 'number' ? err.rawCode : undefined, e)
    : e;
}

const SAFE = { min: BigInt(Number.MIN_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) };

function fromSql(value: unknown): Value {
  if (typeof value === 'bigint') {
    if (value < SAFE.min || value > SAFE.max)
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (Buffer.isBuffer(value)) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  return value as Value;
}

function toSql(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('Only finite numbers can be passed as arguments');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

// A statement that changes the schema leaves the kept statements' columns stale.
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

/** A local SQLite database with its statements kept prepared. Exported for its tests. */
export class CachedSqliteClient {
  readonly #db: Database.Database;
  readonly #kept = new Map<string, Prepared>();
  closed = false;
  readonly protocol = 'file';

  constructor(path: string) {
    this.#db = new Database(path);
  }

  /** How many statements are kept prepared now. */
  get keptStatements(): number {
    return this.#kept.size;
  }

  #prepared(sql: string): Prepared {
    const kept = this.#kept.get(sql);
    if (kept) {
      // Most recently used last: the first key is the one to drop.
      this.#kept.delete(sql);
      this.#kept.set(sql, kept);
      return kept;
    }
    const statement = this.#db.prepare(sql);
    statement.safeIntegers(true);
    let prepared: Prepared;
    try {
      statement.raw(true);
      const columns = statement.columns();
      prepared = { statement, columns: columns.map((c) => c.name), columnTypes: columns.map((c) => c.type ?? '') };
    } catch {
      prepared = { statement, columns: null, columnTypes: [] };
    }
    this.#kept.set(sql, prepared);
    if (this.#kept.size > STATEMENTS_KEPT) this.#kept.delete(this.#kept.keys().next().value!);
    return prepared;
  }

  #run(sql: string, args: unknown[]): ResultSet {
    try {
      const { statement, columns, columnTypes } = this.#prepared(sql);
      // One array, not spread: libSQL reads a lone object argument (a null, a Buffer) as named parameters.
      const values = args.map(toSql);
      if (columns) {
        const rows = (statement.all(values) as unknown[][]).map((row) => row.map(fromSql));
        return { columns, columnTypes, rows, rowsAffected: 0, lastInsertRowid: undefined };
      }
      const info = statement.run(values);
      if (SCHEMA_CHANGE.test(sql)) this.#kept.clear();
      return { columns: [], columnTypes: [], rows: [], rowsAffected: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid) };
    } catch (e) {
      throw driverError(e);
    }
  }

  async execute(stmt: string | { sql: string; args?: unknown[] }): Promise<ResultSet> {
    if (this.closed) throw new SqliteClientError('The client is closed', 'CLIENT_CLOSED', undefined, undefined);
    return typeof stmt === 'string' ? this.#run(stmt, []) : this.#run(stmt.sql, stmt.args ?? []);
  }

  #exec(sql: string): void {
    this.#kept.clear();
    try {
      this.#db.exec(sql);
    } catch (e) {
      throw driverError(e);
    }
  }

  /** A script outside a transaction; one it leaves open is rolled back, as @libsql/client does. */
  async executeMultiple(sql: string): Promise<void> {
    try {
      this.#exec(sql);
    } finally {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  /**
   * A transaction on the same connection. The adapter holds its lock from
   * here to commit or rollback, so no other statement runs in between
   * (@libsql/client opens a second connection for that, which the lock makes needless).
   */
  async transaction(mode: 'write' | 'read' | 'deferred' = 'write') {
    await this.execute(mode === 'write' ? 'BEGIN IMMEDIATE' : mode === 'read' ? 'BEGIN TRANSACTION READONLY' : 'BEGIN DEFERRED');
    const db = this.#db;
    return {
      execute: (stmt: string | { sql: string; args?: unknown[] }) => this.execute(stmt),
      // Inside the transaction, a script stays in it (the client's executeMultiple would roll it back).
      executeMultiple: async (sql: string) => this.#exec(sql),
      commit: async () => void (await this.execute('COMMIT')),
      rollback: async () => {
        if (db.inTransaction) await this.execute('ROLLBACK');
      },
      close: () => {
        if (db.inTransaction) db.exec('ROLLBACK');
      },
      get closed() {
        return !db.inTransaction;
      },
    };
  }

  close(): void {
    this.closed = true;
    this.#kept.clear();
    this.#db.close();
  }
}

/** The file a `file:` URL names, as @libsql/client reads it (`file:./dev.db`, `file:/abs/x.db`, `file:///abs/x.db`). */
export function sqlitePath(url: string): string {
  if (url === ':memory:') return url;
  if (!url.startsWith('file:')) throw new Error(`A SQLite DATABASE_URL starts with file: (got ${JSON.stringify(url)})`);
  let rest = url.slice('file:'.length).replace(/[?#].*$/, '');
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const host = rest.slice(2, slash === -1 ? undefined : slash).toLowerCase();
    if (host !== '' && host !== 'localhost') throw new Error(`A file: URL has no host (got ${JSON.stringify(url)})`);
    rest = slash === -1 ? '' : rest.slice(slash);
  }
  return decodeURIComponent(rest);
}

/** Prisma's libSQL adapter factory, on CachedSqliteClient. */
export class CachedSqliteAdapterFactory extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return new CachedSqliteClient(sqlitePath(config.url)) as unknown as Client;
  }
}
