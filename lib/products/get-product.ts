import 'server-only';
import type { Db } from '../db';
import { querySql } from '../db-sql';
import { SUMMARY_COLUMNS, summaryRowFromSql } from './product-summary';
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
  const [row] = await querySql(db, (p) => `SELECT p."id", p."servers", ${SUMMARY_COLUMNS} FROM "ApiProduct" p WHERE p."slug" = ${p(0)}`, [
    ['string', slug],
  ]);
  if (!row) return null;
  const { tags: _tags, deprecatedAt, sunsetAt, ...fields } = summaryRowFromSql(row);
  return {
    id: String(row.id),
    ...fields,
    gatewayBase: storedList(String(row.servers))[0],
    ...(deprecatedAt && { sunset: sunsetAt?.toISOString().slice(0, 10) ?? '' }),
  };
}
