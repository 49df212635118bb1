import 'server-only';
import type { Db } from '../db';
import { productDocument } from './document-cache';
import type { TryItOperation } from './try-it-operations';

// The product page's data. The row is read without its document; what the
// page takes from the document (the try-it operations, the gateway base, the
// operation count) comes from the per-version cache (document-cache.ts), and
// the renderer fetches the document itself from /apis/<slug>/openapi.json,
// so it reaches the browser once (docs/architecture.md, "Product pages and
// big documents").

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
  operations: TryItOperation[];
  gatewayBase?: string;
  /** Deprecated: the sunset day (YYYY-MM-DD), lib/versions/. */
  sunset?: string;
}

export async function getProductBySlug(db: Db, slug: string): Promise<ProductDetail | null> {
  const row = await db.apiProduct.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      apiProductId: true,
      name: true,
      description: true,
      version: true,
      approvalRequired: true,
      scope: true,
      updatedAt: true,
      deprecatedAt: true,
      sunsetAt: true,
    },
  });
  if (!row) return null;
  const doc = await productDocument(db, row);
  const { deprecatedAt, sunsetAt, ...fields } = row;
  return {
    ...fields,
    operationCount: doc.operationCount,
    operations: doc.operations,
    gatewayBase: doc.gatewayBase,
    ...(deprecatedAt && { sunset: sunsetAt?.toISOString().slice(0, 10) ?? '' }),
  };
}

/** The page's title: the one column, without the document. */
export async function getProductName(db: Db, slug: string): Promise<string | null> {
  const row = await db.apiProduct.findUnique({ where: { slug }, select: { name: true } });
  return row?.name ?? null;
}
