import { ownerMatches, ownerLabel } from '../apps/owner';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { skipFor, toPage, type Page } from '../pagination';
import { productRowId } from '../products/find-product';
import { emailsOf } from '../users/emails-of';
import type { SubscriptionListQuery } from './schemas';

// Every subscription, for admins: searched, filtered and paged in the
// database. Newest first, ties broken by id.

export interface AdminSubscriptionRow {
  id: string;
  status: string;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  app: { id: string; name: string; owner: string };
  product: { apiProductId: string; name: string; slug: string };
}

export function subscriptionWhere(q: SubscriptionListQuery, productId?: string): Prisma.SubscriptionWhereInput {
  const and: Prisma.SubscriptionWhereInput[] = [];
  if (q.status) and.push({ status: q.status });
  if (productId) and.push({ productId });
  if (q.owner) and.push({ application: { is: ownerMatches(q.owner) } });
  if (q.q)
    and.push({
      OR: [{ application: { is: { name: { contains: q.q } } } }, { product: { is: { name: { contains: q.q } } } }, { applicationId: q.q }],
    });
  return and.length ? { AND: and } : {};
}

export async function listAdminSubscriptions(db: Db, q: SubscriptionListQuery): Promise<Page<AdminSubscriptionRow>> {
  const where = subscriptionWhere(q, await productRowId(db, q.product));
  const [total, rows] = await Promise.all([
    db.subscription.count({ where }),
    db.subscription.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: skipFor(q),
      take: q.pageSize,
      include: {
        product: { select: { apiProductId: true, name: true, slug: true } },
        application: { select: { id: true, name: true, ownerUser: { select: { email: true } }, ownerTeam: { select: { name: true } } } },
      },
    }),
  ]);
  const emails = await emailsOf(
    db,
    rows.flatMap((r) => [r.requestedById, r.decidedById]),
  );
  return toPage(
    rows.map((s) => ({
      id: s.id,
      status: s.status,
      reason: s.reason,
      createdAt: s.createdAt.toISOString(),
      decidedAt: s.decidedAt?.toISOString() ?? null,
      requestedBy: emails.get(s.requestedById) ?? null,
      decidedBy: s.decidedById ? (emails.get(s.decidedById) ?? null) : null,
      app: { id: s.application.id, name: s.application.name, owner: ownerLabel(s.application) },
      product: s.product,
    })),
    total,
    q,
  );
}
