import { ownerLabel } from '../apps/owner';
import type { Db } from '../db';
import type { ApiProduct } from '../generated/prisma/client';
import { findProduct } from './find-product';
import { toProductSummary, type ProductSummary } from './product-summary';

// Products as the admin console shows them: the catalog summary plus
// subscription counts, and for one product its subscribers.

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
