import type { Db } from '../db';
import { toProductSummary, type ProductSummary } from './product-summary';

/** The catalog, optionally narrowed by a search over name, id and description. */
export async function listProducts(db: Db, query?: string): Promise<ProductSummary[]> {
  const q = query?.trim();
  const rows = await db.apiProduct.findMany({
    where: q ? { OR: [{ name: { contains: q } }, { apiProductId: { contains: q } }, { description: { contains: q } }] } : undefined,
    orderBy: { name: 'asc' },
  });
  return rows.map(toProductSummary);
}
