import 'server-only';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { IdpAdapter } from '../idp/types';
import { findProduct } from '../products/find-product';
import { checkOpenApi } from '../products/openapi';
import { createProduct } from '../products/publish-product';
import { productCreateSchema, productUpdateSchema } from '../products/schemas';
import { updateProduct } from '../products/update-product';
import { deprecateProduct, listVersions, undeprecateProduct, type VersionSummary } from '../versions/versions';
import { pageArgs, toCursorPage, type CursorPage, type CursorQuery } from './pagination';

// Products over /api/v1: the catalog as a pipeline reads it, and publishing
// from an OpenAPI document in the request body (JSON or YAML). Publishing and
// updating go through lib/products/ exactly as the admin console does (the
// IdP's scope first, audited, a new version kept with its changelog).

export interface V1Product {
  id: string;
  slug: string;
  name: string;
  description: string;
  version: string;
  approvalRequired: boolean;
  scope: string | null;
  operationCount: number;
  deprecated: boolean;
  deprecatedAt: string | null;
  /** The sunset day (YYYY-MM-DD), when deprecated. */
  sunset: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface V1PublishResult {
  product: V1Product;
  /** The version this document became; null when it equals the latest one. */
  version: VersionSummary | null;
}

/** The columns a V1Product is made of: the list never reads the OpenAPI document. */
const v1ProductSelect = {
  id: true,
  apiProductId: true,
  slug: true,
  name: true,
  description: true,
  version: true,
  approvalRequired: true,
  scope: true,
  operationCount: true,
  deprecatedAt: true,
  sunsetAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ApiProductSelect;

export function toV1Product(row: Prisma.ApiProductGetPayload<{ select: typeof v1ProductSelect }>): V1Product {
  return {
    id: row.apiProductId,
    slug: row.slug,
    name: row.name,
    description: row.description,
    version: row.version,
    approvalRequired: row.approvalRequired,
    scope: row.scope,
    operationCount: row.operationCount,
    deprecated: !!row.deprecatedAt,
    deprecatedAt: row.deprecatedAt?.toISOString() ?? null,
    sunset: row.sunsetAt?.toISOString().slice(0, 10) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listV1Products(db: Db, q: CursorQuery): Promise<CursorPage<V1Product>> {
  return toCursorPage(await db.apiProduct.findMany({ ...pageArgs(q), select: v1ProductSelect }), q, toV1Product);
}

export async function getV1Product(db: Db, ref: string): Promise<V1Product> {
  return toV1Product(await findProduct(db, ref));
}

async function latest(db: Db, ref: string): Promise<VersionSummary | null> {
  return (await listVersions(db, ref))[0] ?? null;
}

export async function publishFromDocument(
  db: Db,
  idp: IdpAdapter,
  actor: Viewer,
  q: { id: string; approval?: boolean; name?: string; description?: string },
  text: string,
): Promise<V1PublishResult> {
  // Checked (and parsed) once, in the worker: the title and description come back with the check,
  // so a 13 MB document is never parsed on the request thread (docs/adr/0012-documents-around-the-query-compiler.md).
  const doc = await checkOpenApi(text);
  const input = productCreateSchema.parse({
    apiProductId: q.id,
    name: q.name || doc.title.slice(0, 100) || q.id,
    description: q.description ?? doc.description.trim().slice(0, 2000),
    approvalRequired: q.approval ?? false,
    openapi: text,
  });
  const product = await createProduct(db, idp, actor, input, doc);
  return { product: toV1Product(product), version: await latest(db, product.id) };
}

/** A new document for a published product: a new version when it differs from the latest. */
export async function republishDocument(
  db: Db,
  actor: Viewer,
  ref: string,
  q: { approval?: boolean },
  text: string,
): Promise<V1PublishResult> {
  const before = await findProduct(db, ref);
  const numberBefore = (await db.productVersion.findFirst({ where: { productId: before.id }, orderBy: { number: 'desc' } }))?.number ?? 0;
  const input = productUpdateSchema.parse({
    openapi: text,
    version: '',
    ...(q.approval !== undefined && { approvalRequired: q.approval }),
  });
  const product = await updateProduct(db, actor, before.id, input);
  const newest = await latest(db, product.id);
  // A product from before versions were kept gets version 1 (its old document) on the way: that one is not new.
  const isNew = !!newest && newest.number > Math.max(numberBefore, numberBefore === 0 ? 1 : 0);
  return { product: toV1Product(product), version: isNew ? newest : null };
}

export async function patchV1Product(db: Db, actor: Viewer, ref: string, changes: Record<string, unknown>): Promise<V1Product> {
  return toV1Product(await updateProduct(db, actor, ref, productUpdateSchema.parse(changes)));
}

export async function deprecateV1Product(db: Db, actor: Viewer, ref: string, sunset: string): Promise<V1Product> {
  return toV1Product(await deprecateProduct(db, actor, ref, sunset));
}

export async function undeprecateV1Product(db: Db, actor: Viewer, ref: string): Promise<V1Product> {
  return toV1Product(await undeprecateProduct(db, actor, ref));
}
