import 'server-only';
import type { Db } from '../db';
import { booleanColumn, dateColumn, querySql } from '../db-sql';
import { storedList } from './listing';

// The product page's data: the row without its document. The operation count
// and the gateway base (the first server) are listing columns, derived at
// publish time (listing.ts); the try-it form and the renderer fetch what they
// need of the document themselves, so a 13 MB document costs the page no
// more than a small one (docs/architecture.md, "Product pages and big documents").

export interface ProductDetail {
  id: string;
  slug: string;
  apiProductId: string;
  name: string;
  description: string;
  version: string;
  approvalRequired: boolean;
  scope: string | null;
  updatedAt: Date;
  operationCount: number;
  gatewayBase?: string;
  /** Deprecated: the sunset day (YYYY-MM-DD), lib/versions/. */
  sunset?: string;
}

export async function getProductBySlug(db: Db, slug: string): Promise<ProductDetail | null> {
  // Every product page view reads it, so through the driver (lib/db-sql.ts).
  const [row] = await querySql(
    db,
    (p) =>
      `SELECT "id", "slug", "apiProductId", "name", "description", "version", "approvalRequired", "scope", "updatedAt",
              "deprecatedAt", "sunsetAt", "operationCount", "servers" FROM "ApiProduct" WHERE "slug" = ${p(0)}`,
    [['string', slug]],
  );
  if (!row) return null;
  return {
    id: String(row.id),
    slug: String(row.slug),
    apiProductId: String(row.apiProductId),
    name: String(row.name),
    description: String(row.description),
    version: String(row.version),
    approvalRequired: booleanColumn(row.approvalRequired),
    scope: row.scope === null ? null : String(row.scope),
    updatedAt: dateColumn(row.updatedAt),
    operationCount: Number(row.operationCount),
    gatewayBase: storedList(String(row.servers))[0],
    ...(row.deprecatedAt !== null && { sunset: row.sunsetAt === null ? '' : dateColumn(row.sunsetAt).toISOString().slice(0, 10) }),
  };
}
