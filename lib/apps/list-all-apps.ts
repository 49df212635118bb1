import type { Db } from '../db';
import { dateColumn, groupedBy, inIdOrder, newestPage, nullableColumn, placeholders, querySql, type SqlValue } from '../db-sql';
import type { Prisma } from '../generated/prisma/client';
import type { Page } from '../pagination';
import { productRowId } from '../products/find-product';
import { ownerMatches } from './owner';
import type { AppListQuery } from './schemas';

// Every application, for admins: searched, filtered and paged in the database
// (never in memory), so a page costs the same at ten rows or ten thousand.
// Newest first, ties broken by id.

export interface AdminAppRow {
  id: string;
  name: string;
  owner: { kind: 'user'; email: string; name: string | null } | { kind: 'team'; id: string; name: string };
  clientId: string | null;
  idp: string;
  /** service | web | spa | native */
  type: string;
  createdAt: string;
  subscriptions: { apiProductId: string; name: string; status: string }[];
}

export function appWhere(q: AppListQuery, productId?: string): Prisma.ApplicationWhereInput {
  const and: Prisma.ApplicationWhereInput[] = [];
  if (q.q) and.push({ OR: [{ name: { contains: q.q } }, { id: q.q }, { clientId: { contains: q.q } }] });
  if (q.owner) and.push(ownerMatches(q.owner));
  if (productId || q.status) {
    and.push({ subscriptions: { some: { ...(productId && { productId }), ...(q.status && { status: q.status }) } } });
  }
  return and.length ? { AND: and } : {};
}

export async function listAdminApps(db: Db, q: AppListQuery): Promise<Page<AdminAppRow>> {
  const where = appWhere(q, await productRowId(db, q.product));
  // The filters stay Prisma's; the page's rows and what they show are read
  // through the driver, two statements instead of four queries
  // (docs/adr/0013-hot-reads-through-the-driver.md).
  return newestPage(
    db,
    'Application',
    where,
    q,
    { count: () => db.application.count({ where }), ids: (page) => db.application.findMany({ where, ...page, select: { id: true } }) },
    (ids) => adminAppRows(db, ids),
  );
}

/** The rows of these apps, in this order, with their owners and subscriptions. */
async function adminAppRows(db: Db, ids: string[]): Promise<AdminAppRow[]> {
  if (!ids.length) return [];
  const values = ids.map((id): SqlValue => ['string', id]);
  const [apps, subscriptions] = await Promise.all([
    querySql(
      db,
      (p) =>
        `SELECT a."id", a."name", a."clientId", a."idp", a."type", a."createdAt", a."ownerTeamId", t."name" AS "teamName", u."email", u."name" AS "userName"
         FROM "Application" a LEFT JOIN "Team" t ON t."id" = a."ownerTeamId" LEFT JOIN "User" u ON u."id" = a."ownerUserId"
         WHERE a."id" IN (${placeholders(p, 0, ids.length)})`,
      values,
    ),
    querySql(
      db,
      (p) =>
        `SELECT s."applicationId", s."status", pr."apiProductId", pr."name" FROM "Subscription" s JOIN "ApiProduct" pr ON pr."id" = s."productId"
         WHERE s."applicationId" IN (${placeholders(p, 0, ids.length)}) ORDER BY s."createdAt" ASC, s."id" ASC`,
      values,
    ),
  ]);
  const subsOf = groupedBy(subscriptions, 'applicationId', (s) => ({
    apiProductId: String(s.apiProductId),
    name: String(s.name),
    status: String(s.status),
  }));
  return inIdOrder(ids, apps).map((a) => {
    const id = String(a.id);
    const teamId = nullableColumn(a.ownerTeamId, String);
    return {
      id,
      name: String(a.name),
      owner: teamId
        ? { kind: 'team' as const, id: teamId, name: String(a.teamName) }
        : { kind: 'user' as const, email: nullableColumn(a.email, String) ?? 'unknown', name: nullableColumn(a.userName, String) },
      clientId: nullableColumn(a.clientId, String),
      idp: String(a.idp),
      type: String(a.type),
      createdAt: dateColumn(a.createdAt).toISOString(),
      subscriptions: subsOf.get(id) ?? [],
    };
  });
}
