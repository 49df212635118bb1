import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { executeSql, type SqlText, type SqlValue } from '../db-sql';
import type { ApiProduct } from '../generated/prisma/client';

// The writes that carry an OpenAPI document go to the database driver
// directly, not through Prisma's query pipeline. Prisma compiles every query
// with its values inline, in WebAssembly, on the request thread: writing
// GitHub's 7 MB description that way took about 125 ms of the event loop and
// left some 100 MB more memory behind per write, against 10–20 ms through the
// driver (docs/adr/0012-documents-around-the-query-compiler.md), through
// lib/db-sql.ts: the driver under the Prisma client, values typed as Prisma types them.

type Column = [name: string, type: SqlValue[0], value: unknown];

const execute = (db: Db, sql: SqlText, columns: Column[]) =>
  executeSql(
    db,
    sql,
    columns.map(([, type, value]) => [type, value]),
  );

function insert(db: Db, table: string, columns: Column[], onConflict = ''): Promise<number> {
  return execute(
    db,
    (p) =>
      `INSERT INTO "${table}" (${columns.map(([name]) => `"${name}"`).join(', ')}) VALUES (${columns.map((_, i) => p(i)).join(', ')})${onConflict}`,
    columns,
  );
}

export type NewProductRow = Pick<
  ApiProduct,
  | 'apiProductId'
  | 'slug'
  | 'name'
  | 'description'
  | 'version'
  | 'openapi'
  | 'approvalRequired'
  | 'scope'
  | 'operationCount'
  | 'tags'
  | 'servers'
  | 'searchText'
  | 'listingVersion'
>;

/** A new catalog row, document included, in one statement: no reader ever sees it without its document. */
export async function insertProductRow(db: Db, row: NewProductRow, now = new Date()): Promise<ApiProduct> {
  const product: ApiProduct = { id: randomUUID(), ...row, deprecatedAt: null, sunsetAt: null, createdAt: now, updatedAt: now };
  await insert(db, 'ApiProduct', [
    ['id', 'string', product.id],
    ['apiProductId', 'string', product.apiProductId],
    ['slug', 'string', product.slug],
    ['name', 'string', product.name],
    ['description', 'string', product.description],
    ['version', 'string', product.version],
    ['openapi', 'string', product.openapi],
    ['approvalRequired', 'boolean', product.approvalRequired],
    ['scope', 'string', product.scope],
    ['operationCount', 'int', product.operationCount],
    ['tags', 'string', product.tags],
    ['servers', 'string', product.servers],
    ['searchText', 'string', product.searchText],
    ['listingVersion', 'int', product.listingVersion],
    ['createdAt', 'datetime', product.createdAt],
    ['updatedAt', 'datetime', product.updatedAt],
  ]);
  return product;
}

/**
 * A product's new document, with an updatedAt later than `after` (the row's
 * updatedAt from the write before it): the document cache and the download's
 * ETag are keyed by updatedAt, so a reader who fetched between the two writes
 * cannot keep the old document under the new key.
 */
export async function writeProductDocument(db: Db, id: string, openapi: string, after: Date): Promise<Date> {
  const updatedAt = new Date(Math.max(Date.now(), after.getTime() + 1));
  await execute(db, (p) => `UPDATE "ApiProduct" SET "openapi" = ${p(0)}, "updatedAt" = ${p(1)} WHERE "id" = ${p(2)}`, [
    ['openapi', 'string', openapi],
    ['updatedAt', 'datetime', updatedAt],
    ['id', 'string', id],
  ]);
  return updatedAt;
}

export interface NewVersionRow {
  productId: string;
  number: number;
  version: string;
  openapi: string;
  changes: string;
  breaking: boolean;
  createdById: string | null;
}

/**
 * A product version, document included. `ifAbsent`: when that number is
 * taken already (another request kept it first), nothing is written and the
 * answer is false.
 */
export async function insertVersionRow(
  db: Db,
  row: NewVersionRow,
  options: { ifAbsent?: boolean } = {},
  now = new Date(),
): Promise<boolean> {
  const written = await insert(
    db,
    'ProductVersion',
    [
      ['id', 'string', randomUUID()],
      ['productId', 'string', row.productId],
      ['number', 'int', row.number],
      ['version', 'string', row.version],
      ['openapi', 'string', row.openapi],
      ['changes', 'string', row.changes],
      ['breaking', 'boolean', row.breaking],
      ['createdById', 'string', row.createdById],
      ['createdAt', 'datetime', now],
    ],
    options.ifAbsent ? ' ON CONFLICT ("productId", "number") DO NOTHING' : '',
  );
  return written > 0;
}
