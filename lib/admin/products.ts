import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import type { ApiProduct } from '../generated/prisma/client';
import { badRequest, conflict, notFound } from '../http/api-error';
import type { IdpAdapter } from '../idp/types';
import { toProductSummary, type ProductSummary } from '../products/product-summary';
import { isIdpErrorCode } from './idp-error';
import { checkOpenApi } from './openapi';
import type { ProductCreateInput, ProductUpdateInput } from './product-schemas';

// Publishing API products (SPEC flow 3) and taking them down again. The IdP
// comes first every time: a product exists in the catalog only once the IdP
// knows its scope, and leaves the catalog only once the IdP has forgotten it.

export interface AdminProductSummary extends ProductSummary {
  id: string;
  subscriptions: { approved: number; pending: number; rejected: number };
  updatedAt: string;
}

export interface AdminProductDetail extends AdminProductSummary {
  createdAt: string;
  openapiTitle: string;
  openapiVersion: string;
  subscribers: { subscriptionId: string; status: string; app: { id: string; name: string; owner: string } }[];
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

async function freeSlug(db: Db, apiProductId: string): Promise<string> {
  const base = slugBase(apiProductId);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (RESERVED_SLUGS.has(candidate)) continue;
    if (!(await db.apiProduct.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw conflict('No free catalog slug is left for that product id');
}

/** A product by its slug, its API product id or its row id: whichever the URL carries. */
export async function findProduct(db: Db, ref: string): Promise<ApiProduct> {
  const product =
    (await db.apiProduct.findUnique({ where: { slug: ref } })) ??
    (await db.apiProduct.findUnique({ where: { apiProductId: ref } })) ??
    (await db.apiProduct.findUnique({ where: { id: ref } }));
  if (!product) throw notFound('That API product');
  return product;
}

function countsOf(rows: { status: string; _count: { _all: number } }[]) {
  const counts = { approved: 0, pending: 0, rejected: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as keyof typeof counts] = r._count._all;
  return counts;
}

function summary(row: ApiProduct, counts: AdminProductSummary['subscriptions']): AdminProductSummary {
  return {
    ...toProductSummary(row),
    id: row.id,
    subscriptions: counts,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listAdminProducts(db: Db): Promise<AdminProductSummary[]> {
  const [rows, groups] = await Promise.all([
    db.apiProduct.findMany({ orderBy: { name: 'asc' } }),
    db.subscription.groupBy({ by: ['productId', 'status'], _count: { _all: true } }),
  ]);
  return rows.map((row) => summary(row, countsOf(groups.filter((g) => g.productId === row.id))));
}

export const ownerLabel = (app: { ownerUser?: { email: string } | null; ownerTeam?: { name: string } | null }) =>
  app.ownerTeam ? `Team ${app.ownerTeam.name}` : (app.ownerUser?.email ?? 'unknown');

export async function getAdminProduct(db: Db, ref: string): Promise<AdminProductDetail> {
  const row = await findProduct(db, ref);
  const subs = await db.subscription.findMany({
    where: { productId: row.id },
    include: { application: { include: { ownerUser: { select: { email: true } }, ownerTeam: { select: { name: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  const counts = { approved: 0, pending: 0, rejected: 0 };
  for (const s of subs) if (s.status in counts) counts[s.status as keyof typeof counts] += 1;
  const doc = JSON.parse(row.openapi) as { openapi?: string; info?: { title?: string } };
  return {
    ...summary(row, counts),
    createdAt: row.createdAt.toISOString(),
    openapiTitle: doc.info?.title ?? '',
    openapiVersion: doc.openapi ?? '',
    subscribers: subs.map((s) => ({
      subscriptionId: s.id,
      status: s.status,
      app: { id: s.application.id, name: s.application.name, owner: ownerLabel(s.application) },
    })),
  };
}

/** Publishes a product: the IdP's scope first, then the catalog row; the scope is removed again if the row cannot be written. */
export async function createProduct(db: Db, idp: IdpAdapter, admin: Viewer, input: ProductCreateInput): Promise<ApiProduct> {
  if (await db.apiProduct.findUnique({ where: { apiProductId: input.apiProductId }, select: { id: true } })) {
    throw badRequest('An API product with that id is already published', { apiProductId: 'A product with this id already exists' });
  }
  const doc = await checkOpenApi(input.openapi);
  const version = input.version || doc.version || '1.0.0';
  return audited(
    db,
    {
      actor: admin,
      action: 'product.create',
      target: { type: 'api_product', id: input.apiProductId },
      detail: { name: input.name, version, approvalRequired: input.approvalRequired },
    },
    async () => {
      let scope: string;
      try {
        scope = (await idp.createApiProduct({ id: input.apiProductId, description: input.name })).scope;
      } catch (err) {
        if (isIdpErrorCode(err, 'conflict')) {
          throw conflict(
            `The identity provider already has a scope for ${input.apiProductId} that the portal does not know. Check the drift report before publishing it.`,
          );
        }
        throw err;
      }
      try {
        return await db.apiProduct.create({
          data: {
            apiProductId: input.apiProductId,
            slug: await freeSlug(db, input.apiProductId),
            name: input.name,
            description: input.description,
            version,
            openapi: doc.json,
            approvalRequired: input.approvalRequired,
            scope,
          },
        });
      } catch (err) {
        await idp.deleteApiProduct(input.apiProductId).catch((undo: unknown) => {
          console.error(
            `Could not remove the IdP scope of ${input.apiProductId} after a failed publish; the drift report will show it:`,
            undo,
          );
        });
        throw err;
      }
    },
    (p) => ({ scope: p.scope, slug: p.slug }),
  );
}

/** Catalog fields only: the id (and so the scope) of a published product never changes. */
export async function updateProduct(db: Db, admin: Viewer, ref: string, input: ProductUpdateInput): Promise<ApiProduct> {
  const product = await findProduct(db, ref);
  const doc = input.openapi !== undefined ? await checkOpenApi(input.openapi) : undefined;
  const data = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.version !== undefined && { version: input.version || doc?.version || product.version }),
    ...(input.approvalRequired !== undefined && { approvalRequired: input.approvalRequired }),
    ...(doc && { openapi: doc.json }),
  };
  const before: Record<string, unknown> = product;
  const changed = Object.entries(data)
    .filter(([key, value]) => before[key] !== value)
    .map(([key]) => key);
  return audited(
    db,
    {
      actor: admin,
      action: 'product.update',
      target: { type: 'api_product', id: product.apiProductId },
      detail: {
        changed,
        ...Object.fromEntries(
          changed.filter((k) => k === 'approvalRequired' || k === 'version' || k === 'name').map((k) => [k, data[k as keyof typeof data]]),
        ),
      },
    },
    () => db.apiProduct.update({ where: { id: product.id }, data }),
  );
}

/**
 * Takes a product down. With subscriptions, the caller must confirm (409
 * otherwise). The IdP removes the scope from every client and forgets it;
 * then the row goes, and its subscriptions with it. A scope the IdP no longer
 * has counts as removed, so a retry after a half-way failure finishes.
 */
export async function deleteProduct(
  db: Db,
  idp: IdpAdapter,
  admin: Viewer,
  ref: string,
  options: { confirm: boolean },
): Promise<{ endedSubscriptions: number }> {
  const product = await findProduct(db, ref);
  const subscriptions = await db.subscription.count({ where: { productId: product.id } });
  if (subscriptions > 0 && !options.confirm) {
    const apps = `${subscriptions} application${subscriptions === 1 ? ' is' : 's are'}`;
    throw conflict(
      `${apps} subscribed to ${product.name}. Deleting it ends those subscriptions and removes the scope from their clients; confirm to go ahead.`,
    );
  }
  return audited(
    db,
    {
      actor: admin,
      action: 'product.delete',
      target: { type: 'api_product', id: product.apiProductId },
      detail: { name: product.name, endedSubscriptions: subscriptions },
    },
    async () => {
      await idp.deleteApiProduct(product.apiProductId).catch((err: unknown) => {
        if (!isIdpErrorCode(err, 'not_found')) throw err;
      });
      await db.apiProduct.delete({ where: { id: product.id } });
      return { endedSubscriptions: subscriptions };
    },
  );
}
