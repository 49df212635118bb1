import 'server-only';
import type { ArgType, SqlQuery } from '@prisma/driver-adapter-utils';
import { driverOf, isPostgres, noteDriverQuery, type Db } from './db';
import { skipFor, toPage, type Page, type PageRequest } from './pagination';

// Statements sent to the database driver under the Prisma client (driverOf in
// lib/db.ts: the same connection, pool and SQLite lock), around Prisma's query
// compiler. Two kinds go this way:
// - writes of OpenAPI documents, whose megabytes Prisma copies and encodes
//   several times (docs/adr/0012-documents-around-the-query-compiler.md);
// - the reads every request makes, where Prisma's compile and interpret steps
//   cost about ten times the query itself (docs/adr/0013-hot-reads-through-the-driver.md).
//
// One text serves both dialects: identifiers double-quoted, `p(i)` for the
// i-th value (`?n` on SQLite, `$n` on PostgreSQL, 1-based; a value may be
// named twice). Values carry the argument types Prisma would send, so dates
// and booleans are stored as Prisma stores them.

export type SqlValue = [type: ArgType['scalarType'], value: unknown];
export type Placeholder = (i: number) => string;
export type SqlText = (p: Placeholder) => string;

/** The dialect's placeholder for the i-th value (0-based). */
const placeholderOf =
  (postgres: boolean): Placeholder =>
  (i) =>
    postgres ? `$${i + 1}` : `?${i + 1}`;

async function prepared(db: Db, sql: SqlText, values: SqlValue[]) {
  const query: SqlQuery = {
    sql: sql(placeholderOf(isPostgres(db))),
    args: values.map(([, value]) => value),
    argTypes: values.map(([scalarType]) => ({ scalarType, arity: 'scalar' })),
  };
  noteDriverQuery(db, query.sql);
  return { driver: await driverOf(db), query };
}

/** An INSERT, UPDATE or DELETE; the number of rows it changed. */
export async function executeSql(db: Db, sql: SqlText, values: SqlValue[]): Promise<number> {
  const { driver, query } = await prepared(db, sql, values);
  return driver.executeRaw(query);
}

/** A SELECT, each row an object keyed by the column names (or aliases) of the statement. */
export async function querySql(db: Db, sql: SqlText, values: SqlValue[]): Promise<Record<string, unknown>[]> {
  const { driver, query } = await prepared(db, sql, values);
  const result = await driver.queryRaw(query);
  return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])));
}

// Both drivers answer dates as ISO text with an offset; booleans come back as
// 0/1 from SQLite and true/false from PostgreSQL.
export const dateColumn = (value: unknown): Date => new Date(String(value));
export const booleanColumn = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === '1';
/** A nullable column: null stays null, anything else is read with `as` (String, Number, dateColumn…). */
export const nullableColumn = <T>(value: unknown, as: (value: unknown) => T): T | null =>
  value === null || value === undefined ? null : as(value);

const likeEscaped = (term: string) => term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern (with ESCAPE '\') for text containing `term`, compared in lower case. */
export const containsPattern = (term: string) => `%${likeEscaped(term)}%`;

/** A LIKE pattern (with ESCAPE '\') for text starting with `term`, compared in lower case. */
export const startsWithPattern = (term: string) => `${likeEscaped(term)}%`;

/** `count` placeholders from `from` on, comma-separated: the values of an IN (…) list. */
export const placeholders = (p: Placeholder, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => p(from + i)).join(', ');

/**
 * For statements assembled piece by piece (optional filters): `value` adds a
 * value and answers its placeholder; `querySql(db, statement.text(sql), statement.values)` runs it.
 */
export function sqlStatement(db: Db) {
  const postgres = isPostgres(db);
  const p = placeholderOf(postgres);
  const values: SqlValue[] = [];
  return {
    postgres,
    values,
    value(type: SqlValue[0], value: unknown): string {
      values.push([type, value]);
      return p(values.length - 1);
    },
    /** The statement as querySql takes it (its placeholders are already written). */
    text:
      (sql: string): SqlText =>
      () =>
        sql,
  };
}

/** What the Prisma side of newestPage is asked for: a filtered list's count, and its page of ids in newestPage's order. */
export interface FilteredPage {
  count: () => Promise<number>;
  ids: (args: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }]; skip: number; take: number }) => Promise<{ id: string }[]>;
}

/**
 * A page of an admin list, newest first (ties by id), as rows of `rowsOf`
 * for the page's ids. With a filter, the total and the ids are Prisma's
 * (`filtered`, which keeps the filters' relations); with none, each is one
 * statement through the driver. Unfiltered is the page every admin opens
 * first: Prisma counts over a subquery (0.8 ms at 20,000 rows, against 0.03
 * for the table's `COUNT(*)`, answered from its smallest index), and
 * compiling its ids query cost about 1 ms of the admin apps list's 2.5 ms.
 */
export async function newestPage<T>(
  db: Db,
  table: string,
  where: object,
  q: PageRequest,
  filtered: FilteredPage,
  rowsOf: (ids: string[]) => Promise<T[]>,
): Promise<Page<T>> {
  const page = { skip: skipFor(q), take: q.pageSize };
  const unfiltered = Object.keys(where).length === 0;
  const [total, ids] = await Promise.all([
    unfiltered ? querySql(db, () => `SELECT COUNT(*) AS "n" FROM "${table}"`, []).then(([row]) => Number(row?.n ?? 0)) : filtered.count(),
    unfiltered
      ? querySql(db, (p) => `SELECT "id" FROM "${table}" ORDER BY "createdAt" DESC, "id" DESC LIMIT ${p(0)} OFFSET ${p(1)}`, [
          ['int', page.take],
          ['int', page.skip],
        ]).then((rows) => rows.map((row) => String(row.id)))
      : filtered.ids({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...page }).then((rows) => rows.map((row) => row.id)),
  ]);
  return toPage(await rowsOf(ids), total, q);
}

/** The rows for these ids, in the ids' order; an id without a row (deleted meanwhile) is left out. */
export function inIdOrder(ids: string[], rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

/** Rows grouped by one column's value, each mapped by `as`, in the rows' order (a page's subscriptions by app, say). */
export function groupedBy<T>(rows: Record<string, unknown>[], column: string, as: (row: Record<string, unknown>) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = String(row[column]);
    const group = groups.get(key);
    if (group) group.push(as(row));
    else groups.set(key, [as(row)]);
  }
  return groups;
}
