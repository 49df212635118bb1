import type { Db } from '../db';
import { toProductSummary, type ProductSummary } from './product-summary';

export interface ProductDetail extends ProductSummary {
  openapi: Record<string, unknown>;
}

export async function getProductBySlug(db: Db, slug: string): Promise<ProductDetail | null> {
  const row = await db.apiProduct.findUnique({ where: { slug } });
  if (!row) return null;
  return { ...toProductSummary(row), openapi: JSON.parse(row.openapi) as Record<string, unknown> };
}
