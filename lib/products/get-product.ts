import 'server-only';
import type { Db } from '../db';
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
      operationCount: true,
      servers: true,
    },
  });
  if (!row) return null;
  const { deprecatedAt, sunsetAt, servers, ...fields } = row;
  return {
    ...fields,
    gatewayBase: storedList(servers)[0],
    ...(deprecatedAt && { sunset: sunsetAt?.toISOString().slice(0, 10) ?? '' }),
  };
}
