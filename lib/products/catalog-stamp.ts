import 'server-only';
import type { Db } from '../db';
import { querySql } from '../db-sql';

/**
 * A text that changes whenever anything the public catalog pages show changes:
 * a product, a plan or a published version added, changed or deleted. The
 * page cache (lib/server/page-cache.ts) keys what it keeps by it, so every
 * replica sees another's change on its next request
 * (docs/adr/0015-catalog-page-cache.md).
 *
 * Newest change time and row count per table: a change bumps the time (every
 * write of these rows sets updatedAt, or creates a row), a deletion lowers the count.
 */
export async function catalogStamp(db: Db): Promise<string> {
  const [row] = await querySql(
    db,
    () =>
      `SELECT (SELECT MAX("updatedAt") FROM "ApiProduct") AS "products", (SELECT COUNT(*) FROM "ApiProduct") AS "productCount",
              (SELECT MAX("updatedAt") FROM "Plan") AS "plans", (SELECT COUNT(*) FROM "Plan") AS "planCount",
              (SELECT MAX("createdAt") FROM "ProductVersion") AS "versions", (SELECT COUNT(*) FROM "ProductVersion") AS "versionCount"`,
    [],
  );
  return Object.values(row ?? {})
    .map((v) => String(v))
    .join('|');
}
