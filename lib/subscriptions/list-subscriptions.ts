import { ownerMatches, ownerLabel } from '../apps/owner';
import type { Db } from '../db';
import { dateColumn, inIdOrder, newestPage, nullableColumn, placeholders, querySql, type SqlValue } from '../db-sql';
import type { Prisma } from '../generated/prisma/client';
import type { Page } from '../pagination';
import { productRowId } from '../products/find-product';
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
  // The filters stay Prisma's; the page's rows and what they show are one
  // statement through the driver instead of five queries
  // (docs/adr/0013-hot-reads-through-the-driver.md).
  return newestPage(
    db,
    'Subscription',
    where,
    q,
    { count: () => db.subscription.count({ where }), ids: (page) => db.subscription.findMany({ where, ...page, select: { id: true } }) },
    (ids) => adminSubscriptionRows(db, ids),
  );
}

/** The rows of these subscriptions, in this order, with their app, its owner, the product and who asked and decided. */
async function adminSubscriptionRows(db: Db, ids: string[]): Promise<AdminSubscriptionRow[]> {
  if (!ids.length) return [];
  const rows = await querySql(
    db,
    (p) =>
      `SELECT s."id", s."status", s."reason", s."createdAt", s."decidedAt", rq."email" AS "requestedBy", dc."email" AS "decidedBy",
              a."id" AS "appId", a."name" AS "appName", ow."email" AS "ownerEmail", t."name" AS "teamName",
              pr."apiProductId", pr."name" AS "productName", pr."slug"
       FROM "Subscription" s
       JOIN "Application" a ON a."id" = s."applicationId"
       JOIN "ApiProduct" pr ON pr."id" = s."productId"
       LEFT JOIN "User" ow ON ow."id" = a."ownerUserId"
       LEFT JOIN "Team" t ON t."id" = a."ownerTeamId"
       LEFT JOIN "User" rq ON rq."id" = s."requestedById"
       LEFT JOIN "User" dc ON dc."id" = s."decidedById"
       WHERE s."id" IN (${placeholders(p, 0, ids.length)})`,
    ids.map((id): SqlValue => ['string', id]),
  );
  return inIdOrder(ids, rows).map((r) => {
    const team = nullableColumn(r.teamName, String);
    const ownerEmail = nullableColumn(r.ownerEmail, String);
    return {
      id: String(r.id),
      status: String(r.status),
      reason: nullableColumn(r.reason, String),
      createdAt: dateColumn(r.createdAt).toISOString(),
      decidedAt: nullableColumn(r.decidedAt, dateColumn)?.toISOString() ?? null,
      requestedBy: nullableColumn(r.requestedBy, String),
      decidedBy: nullableColumn(r.decidedBy, String),
      app: {
        id: String(r.appId),
        name: String(r.appName),
        owner: ownerLabel({
          ownerTeam: team === null ? null : { name: team },
          ownerUser: ownerEmail === null ? null : { email: ownerEmail },
        }),
      },
      product: { apiProductId: String(r.apiProductId), name: String(r.productName), slug: String(r.slug) },
    };
  });
}
