import type { Db } from '../db';
import { containsPattern, dateColumn, nullableColumn, placeholders, querySql, type Placeholder, type SqlValue } from '../db-sql';
import { skipFor, toPage, type Page } from '../pagination';
import { reachableSql } from './access';
import type { MyAppListQuery } from './schemas';

// "My apps": one page of the applications a user can reach, with summary
// fields only (docs/architecture.md, "Catalog and lists at scale"). Each row
// names at most SUBSCRIPTIONS_SHOWN of its subscriptions and counts the rest.

export const SUBSCRIPTIONS_SHOWN = 10;

export interface AppListItem {
  id: string;
  name: string;
  description: string;
  owner: { kind: 'me' } | { kind: 'team'; id: string; name: string };
  /** service | web | spa | native (lib/apps/app-types.ts). */
  type: string;
  clientId: string | null;
  /** The first SUBSCRIPTIONS_SHOWN subscriptions, oldest first. */
  subscriptions: { product: string; name: string; status: string }[];
  subscriptionCount: number;
  createdAt: string;
}

// Every "my apps" view and GET /api/apps run this, so its reads go to the
// driver (lib/db-sql.ts): three statements instead of Prisma's seven queries,
// each of which cost about 0.5 ms of the request thread to compile and
// interpret (docs/adr/0013-hot-reads-through-the-driver.md). The user's apps
// are theirs or one of their teams' (lib/apps/access.ts, reachableSql).
const MATCHES = (p: Placeholder) => `(lower(a."name") LIKE ${p(1)} ESCAPE '\\' OR lower(a."clientId") LIKE ${p(1)} ESCAPE '\\')`;

/** The apps the user can reach, their own and their teams', newest first, a page at a time. */
export async function listApplications(db: Db, userId: string, q: MyAppListQuery): Promise<Page<AppListItem>> {
  const where = (p: Placeholder) => (q.q ? `${reachableSql(p, 0)} AND ${MATCHES(p)}` : reachableSql(p, 0));
  const filter: SqlValue[] = [['string', userId], ...(q.q ? [['string', containsPattern(q.q)] as SqlValue] : [])];
  const [[counted], rows] = await Promise.all([
    querySql(db, (p) => `SELECT COUNT(*) AS "total" FROM "Application" a WHERE ${where(p)}`, filter),
    querySql(
      db,
      (p) =>
        `SELECT a."id", a."name", a."description", a."type", a."clientId", a."createdAt", t."id" AS "teamId", t."name" AS "teamName"
         FROM "Application" a LEFT JOIN "Team" t ON t."id" = a."ownerTeamId"
         WHERE ${where(p)} ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ${p(filter.length)} OFFSET ${p(filter.length + 1)}`,
      [...filter, ['int', q.pageSize], ['int', skipFor(q)]],
    ),
  ]);
  const subscriptions = await firstSubscriptions(
    db,
    rows.map((a) => String(a.id)),
  );
  return toPage(
    rows.map((a) => {
      const subs = subscriptions.get(String(a.id));
      return {
        id: String(a.id),
        name: String(a.name),
        description: String(a.description),
        owner: a.teamId === null ? { kind: 'me' as const } : { kind: 'team' as const, id: String(a.teamId), name: String(a.teamName) },
        type: String(a.type),
        clientId: nullableColumn(a.clientId, String),
        subscriptions: subs?.shown ?? [],
        subscriptionCount: subs?.total ?? 0,
        createdAt: dateColumn(a.createdAt).toISOString(),
      };
    }),
    Number(counted?.total ?? 0),
    q,
  );
}

/** For each app, its first SUBSCRIPTIONS_SHOWN subscriptions (oldest first) and how many it has: one statement for the page. */
async function firstSubscriptions(db: Db, appIds: string[]) {
  const byApp = new Map<string, { shown: AppListItem['subscriptions']; total: number }>();
  if (appIds.length === 0) return byApp;
  const rows = await querySql(
    db,
    (p) =>
      `SELECT x."applicationId", x."status", x."apiProductId", x."name", x."total" FROM (
         SELECT s."applicationId", s."status", pr."apiProductId", pr."name",
                ROW_NUMBER() OVER (PARTITION BY s."applicationId" ORDER BY s."createdAt", s."id") AS "place",
                COUNT(*) OVER (PARTITION BY s."applicationId") AS "total"
         FROM "Subscription" s JOIN "ApiProduct" pr ON pr."id" = s."productId"
         WHERE s."applicationId" IN (${placeholders(p, 0, appIds.length)})
       ) x WHERE x."place" <= ${p(appIds.length)} ORDER BY x."applicationId", x."place"`,
    [...appIds.map((id): SqlValue => ['string', id]), ['int', SUBSCRIPTIONS_SHOWN]],
  );
  for (const r of rows) {
    const entry = byApp.get(String(r.applicationId)) ?? { shown: [], total: Number(r.total) };
    entry.shown.push({ product: String(r.apiProductId), name: String(r.name), status: String(r.status) });
    byApp.set(String(r.applicationId), entry);
  }
  return byApp;
}
