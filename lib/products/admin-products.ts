import { ownerLabel } from '../apps/owner';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { skipFor, toPage, type Page } from '../pagination';
import { findProduct } from './find-product';
import { productSummarySelect, toProductSummary, type ProductSummary, type ProductSummaryRow } from './product-summary';
import type { AdminProductListQuery } from './schemas';

// Products as the admin console shows them: the catalog summary plus
// subscription counts, and for one product its subscribers.

export interface AdminProductSummary extends ProductSummary {
  id: string;
  subscriptions: { approved: number; pending: number; rejected: number };
}

export interface AdminProductDetail extends AdminProductSummary {
  createdAt: string;
  openapiTitle: string;
  openapiVersion: string;
  subscribers: { subscriptionId: string; status: string; app: { id: string; name: string; owner: string } }[];
}

function countsOf(rows: { status: string; _count: { _all: number } }[]) {
  const counts = { approved: 0, pending: 0, rejected: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as keyof typeof counts] = r._count._all;
  return counts;
}

function summary(row: ProductSummaryRow & { id: string }, counts: AdminProductSummary['subscriptions']): AdminProductSummary {
  return {
    ...toProductSummary(row),
    id: row.id,
    subscriptions: counts,
  };
}

/** One page of products, by name, with their subscription counts; never a document. */
export async function listAdminProducts(db: Db, q: AdminProductListQuery): Promise<Page<AdminProductSummary>> {
  const where: Prisma.ApiProductWhereInput = q.q ? { OR: [{ name: { contains: q.q } }, { apiProductId: { contains: q.q } }] } : {};
  const [total, rows] = await Promise.all([
    db.apiProduct.count({ where }),
    db.apiProduct.findMany({
      where,
      select: { id: true, ...productSummarySelect },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: skipFor(q),
      take: q.pageSize,
    }),
  ]);
  const groups = rows.length
    ? await db.subscription.groupBy({
        by: ['productId', 'status'],
        where: { productId: { in: rows.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  return toPage(
    rows.map((row) => summary(row, countsOf(groups.filter((g) => g.productId === row.id)))),
    total,
    q,
  );
}

export interface ProductOption {
  apiProductId: string;
  name: string;
}

// The admin filters' and the product-calls card's select: every product, two
// short columns each, so it stays small at thousands of products.
const MAX_OPTIONS = 5000;

/** Every product's id and name, by name, for a select. */
export async function listProductOptions(db: Db): Promise<ProductOption[]> {
  return db.apiProduct.findMany({
    select: { apiProductId: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: MAX_OPTIONS,
  });
}

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
