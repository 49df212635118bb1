import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Prisma } from '@/lib/generated/prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedSqliteClient, STATEMENTS_KEPT, sqlitePath } from '@/lib/db-sqlite';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The SQLite client under Prisma (lib/db-sqlite.ts) keeps statements
// prepared; what Prisma and the pages see must not change: the same rows,
// errors Prisma maps to its own codes, transactions that commit or leave nothing.

describe.skipIf(!!process.env.LANYARD_TEST_POSTGRES_URL)('the SQLite client under Prisma', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  it('reads back what it wrote, the same statement prepared once', async () => {
    const made = await t.db.user.create({ data: { email: 'kept@example.com', name: 'Kept', groups: '[]' } });
    for (let i = 0; i < 20; i++) {
      const found = await t.db.user.findUnique({ where: { id: made.id } });
      expect(found?.email).toBe('kept@example.com');
      expect(found?.createdAt).toBeInstanceOf(Date);
    }
  });

  it('answers a duplicate as Prisma’s unique violation, P2002', async () => {
    await t.db.user.create({ data: { email: 'twice@example.com', groups: '[]' } });
    const err = await t.db.user.create({ data: { email: 'twice@example.com', groups: '[]' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((err as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
  });

  it('leaves nothing of a transaction that fails, and keeps one that commits', async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'rolled-back@example.com', groups: '[]' } });
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await t.db.user.count({ where: { email: 'rolled-back@example.com' } })).toBe(0);
    await t.db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: 'committed@example.com', groups: '[]' } });
    });
    expect(await t.db.user.count({ where: { email: 'committed@example.com' } })).toBe(1);
    // The connection is usable after both.
    expect(await t.db.user.count()).toBeGreaterThanOrEqual(3);
  });

  it('keeps big integers and floats exact', async () => {
    const lastAt = BigInt(Date.now()) * 1000n;
    await t.db.rateLimitCounter.create({ data: { key: 'k', window: 60, count: 1, lastAt, resetAt: lastAt + 1n } });
    const row = await t.db.rateLimitCounter.findUniqueOrThrow({ where: { key: 'k' } });
    expect(row.lastAt).toBe(lastAt);
    expect(row.resetAt).toBe(lastAt + 1n);
  });
});

describe('CachedSqliteClient', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-sqlite-client-'));
  const client = new CachedSqliteClient(path.join(dir, 'c.db'));
  afterAll(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps at most STATEMENTS_KEPT statements prepared, however many it has seen', async () => {
    await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)');
    for (let i = 0; i < STATEMENTS_KEPT + 20; i++) await client.execute({ sql: `SELECT ${i} AS n`, args: [] });
    expect(client.keptStatements).toBe(STATEMENTS_KEPT);
    const before = client.keptStatements;
    for (let i = 0; i < 10; i++) await client.execute({ sql: 'SELECT 1 AS n', args: [] });
    expect(client.keptStatements).toBe(before);
  });

  it('binds a lone null or blob as a value, and answers rows as arrays with numbers and ArrayBuffers', async () => {
    await client.execute({ sql: 'INSERT INTO t (id, name, data) VALUES (?1, ?2, ?3)', args: [1, null, Buffer.from('abc')] });
    expect((await client.execute({ sql: 'SELECT ?1 IS NULL AS absent', args: [null] })).rows).toEqual([[1]]);
    const { columns, rows } = await client.execute({ sql: 'SELECT id, name, data FROM t WHERE data = ?1', args: [Buffer.from('abc')] });
    expect(columns).toEqual(['id', 'name', 'data']);
    expect(rows[0]![0]).toBe(1);
    expect(rows[0]![1]).toBeNull();
    expect(Buffer.from(rows[0]![2] as ArrayBuffer).toString()).toBe('abc');
  });

  it('refuses an integer a number cannot hold rather than rounding it', async () => {
    await expect(client.execute('SELECT 9007199254740993 AS big')).rejects.toThrow(RangeError);
  });

  it('sees a column added after a statement was kept', async () => {
    await client.execute({ sql: 'SELECT * FROM t', args: [] });
    await client.execute('ALTER TABLE t ADD COLUMN extra TEXT');
    expect((await client.execute({ sql: 'SELECT * FROM t', args: [] })).columns).toEqual(['id', 'name', 'data', 'extra']);
  });

  it('runs a script inside a transaction without ending it', async () => {
    const tx = await client.transaction('write');
    await tx.executeMultiple('INSERT INTO t (id) VALUES (10); INSERT INTO t (id) VALUES (11);');
    expect(tx.closed).toBe(false);
    await tx.rollback();
    expect((await client.execute('SELECT count(*) AS n FROM t WHERE id >= 10')).rows).toEqual([[0]]);
  });

  it('answers a SQLite error with its code, as the adapter expects', async () => {
    const err = (await client.execute('SELECT * FROM missing').catch((e: unknown) => e)) as { code?: string; message: string };
    expect(err.code).toBe('SQLITE_ERROR');
    expect(err.message).toContain('no such table');
  });
});

describe('sqlitePath', () => {
  it('reads the file: URL forms @libsql/client reads', () => {
    expect(sqlitePath('file:./dev.db')).toBe('./dev.db');
    expect(sqlitePath('file:/tmp/x.db')).toBe('/tmp/x.db');
    expect(sqlitePath('file:///tmp/x.db')).toBe('/tmp/x.db');
    expect(sqlitePath('file://localhost/tmp/x%20y.db')).toBe('/tmp/x y.db');
    expect(sqlitePath(':memory:')).toBe(':memory:');
    expect(() => sqlitePath('file://elsewhere/x.db')).toThrow(/no host/);
    expect(() => sqlitePath('postgresql://x')).toThrow(/file:/);
  });
});
