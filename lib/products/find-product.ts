import type { Db } from '../db';
import { conflict, notFound } from '../errors';
import type { ApiProduct } from '../generated/prisma/client';

/** A product by its slug, its API product id or its row id: whichever the URL carries. */
export async function findProduct(db: Db, ref: string): Promise<ApiProduct> {
  const product =
    (await db.apiProduct.findUnique({ where: { slug: ref } })) ??
    (await db.apiProduct.findUnique({ where: { apiProductId: ref } })) ??
    (await db.apiProduct.findUnique({ where: { id: ref } }));
  if (!product) throw notFound('That API product');
  return product;
}

/** The same lookup without the row's columns (the OpenAPI document above all): for pages that need only its identity. */
export async function findProductRef(db: Db, ref: string): Promise<{ id: string; name: string; version: string }> {
  const select = { id: true, name: true, version: true } as const;
  const product =
    (await db.apiProduct.findUnique({ where: { slug: ref }, select })) ??
    (await db.apiProduct.findUnique({ where: { apiProductId: ref }, select })) ??
    (await db.apiProduct.findUnique({ where: { id: ref }, select }));
  if (!product) throw notFound('That API product');
  return product;
}

/**
 * A product filter as the product's row id, looked up once, so that list
 * filters use the subscription indexes instead of joining products per row.
 * A product that does not exist matches nothing.
 */
export async function productRowId(db: Db, apiProductId: string | undefined): Promise<string | undefined> {
  if (!apiProductId) return undefined;
  const row = await db.apiProduct.findUnique({ where: { apiProductId }, select: { id: true } });
  return row?.id ?? '\u0000no-such-product';
}

/** The catalog slug of a product id: the id itself when it is URL-safe, else a readable form of it. */
export function slugBase(apiProductId: string): string {
  if (/^[a-z0-9][a-z0-9._-]*$/.test(apiProductId)) return apiProductId;
  const s = apiProductId
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'product';
}

// Admin URLs that a slug must not shadow (/admin/products/new).
const RESERVED_SLUGS = new Set(['new']);

export async function freeSlug(db: Db, apiProductId: string): Promise<string> {
  const base = slugBase(apiProductId);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (RESERVED_SLUGS.has(candidate)) continue;
    if (!(await db.apiProduct.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw conflict('No free catalog slug is left for that product id');
}
