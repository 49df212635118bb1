import type { Db } from '../db';
import { dateColumn, groupedBy, nullableColumn, querySql, type SqlValue } from '../db-sql';
import { notFound } from '../errors';
import { PLAN_COLUMNS, planFromSql } from '../plans/list-plans';
import { reachableSql, type Viewer } from './access';
import type { AppSettingsRow } from './client-settings';

// What the app page shows, read through the driver (lib/db-sql.ts): every
// view of an app page asks for it (GET /api/apps/<id>), and through Prisma it
// was twelve queries, about 7 ms of the request thread at platform size
// (docs/adr/0013-hot-reads-through-the-driver.md). Here it is five
// statements, run together.

type PlanRow = ReturnType<typeof planFromSql>;

export interface AppDetailRows extends AppSettingsRow {
  id: string;
  description: string;
  ownerUserId: string | null;
  ownerTeam: { id: string; name: string } | null;
  /** The viewer's role in the owning team, if any. */
  viewerTeamRole: string | null;
  clientId: string | null;
  createdAt: Date;
  /** The newest successful re-creation of its client by an admin's reconcile. */
  recreatedAt: Date | null;
  secrets: { id: string; hint: string; createdAt: Date }[];
  subscriptions: {
    id: string;
    status: string;
    reason: string | null;
    decidedAt: Date | null;
    createdAt: Date;
    planId: string | null;
    requestedPlan: { id: string; name: string } | null;
    product: { apiProductId: string; name: string; slug: string; plans: PlanRow[] };
  }[];
  productCalls: { product: { apiProductId: string; name: string }; callee: { apiProductId: string; name: string } }[];
}

const text = (v: unknown) => String(v);
const id: (v: string) => SqlValue = (v) => ['string', v];

/** The app with everything its page shows, if the viewer can reach it (their own, or their team's); 404 otherwise. */
export async function readAppDetail(db: Db, viewer: Viewer, appId: string): Promise<AppDetailRows> {
  const [apps, secrets, subscriptions, plans, calls] = await Promise.all([
    querySql(
      db,
      (p) =>
        `SELECT a."id", a."name", a."description", a."ownerUserId", a."ownerTeamId", a."clientId", a."type", a."redirectUris",
                a."postLogoutRedirectUris", a."clientAuth", a."jwks", a."jwksUri", a."createdAt", t."name" AS "teamName",
                (SELECT m."role" FROM "Membership" m WHERE m."teamId" = a."ownerTeamId" AND m."userId" = ${p(0)}) AS "viewerTeamRole",
                (SELECT MAX(e."at") FROM "AuditEvent" e WHERE e."targetId" = a."id" AND e."action" = 'drift.recreate_client' AND e."outcome" = 'success') AS "recreatedAt"
         FROM "Application" a LEFT JOIN "Team" t ON t."id" = a."ownerTeamId"
         WHERE a."id" = ${p(1)} AND ${reachableSql(p, 0)}`,
      [id(viewer.id), id(appId)],
    ),
    querySql(
      db,
      (p) => `SELECT "id", "hint", "createdAt" FROM "ClientSecret" WHERE "applicationId" = ${p(0)} ORDER BY "createdAt" ASC, "id" ASC`,
      [id(appId)],
    ),
    querySql(
      db,
      (p) =>
        `SELECT s."id", s."status", s."reason", s."decidedAt", s."createdAt", s."planId", s."productId", s."requestedPlanId",
                rp."name" AS "requestedPlanName", pr."apiProductId", pr."name" AS "productName", pr."slug"
         FROM "Subscription" s JOIN "ApiProduct" pr ON pr."id" = s."productId" LEFT JOIN "Plan" rp ON rp."id" = s."requestedPlanId"
         WHERE s."applicationId" = ${p(0)} ORDER BY s."createdAt" ASC, s."id" ASC`,
      [id(appId)],
    ),
    querySql(
      db,
      (p) =>
        `SELECT "productId", ${PLAN_COLUMNS}
         FROM "Plan" WHERE "productId" IN (SELECT "productId" FROM "Subscription" WHERE "applicationId" = ${p(0)})`,
      [id(appId)],
    ),
    querySql(
      db,
      (p) =>
        `SELECT pr."apiProductId", pr."name", ce."apiProductId" AS "calleeApiProductId", ce."name" AS "calleeName"
         FROM "ProductCall" c JOIN "ApiProduct" pr ON pr."id" = c."productId" JOIN "ApiProduct" ce ON ce."id" = c."calleeId"
         WHERE c."applicationId" = ${p(0)} ORDER BY c."createdAt" ASC, c."id" ASC`,
      [id(appId)],
    ),
  ]);
  const [a] = apps;
  // The other statements ran unchecked, but nothing of them is returned for an app the viewer cannot reach.
  if (!a) throw notFound('That application');
  const plansOf = groupedBy(plans, 'productId', planFromSql);
  const teamId = nullableColumn(a.ownerTeamId, String);
  return {
    id: text(a.id),
    name: text(a.name),
    description: text(a.description),
    ownerUserId: nullableColumn(a.ownerUserId, String),
    ownerTeam: teamId ? { id: teamId, name: text(a.teamName) } : null,
    viewerTeamRole: nullableColumn(a.viewerTeamRole, String),
    clientId: nullableColumn(a.clientId, String),
    type: text(a.type),
    redirectUris: text(a.redirectUris),
    postLogoutRedirectUris: text(a.postLogoutRedirectUris),
    clientAuth: text(a.clientAuth),
    jwks: nullableColumn(a.jwks, String),
    jwksUri: nullableColumn(a.jwksUri, String),
    createdAt: dateColumn(a.createdAt),
    recreatedAt: nullableColumn(a.recreatedAt, dateColumn),
    secrets: secrets.map((s) => ({ id: text(s.id), hint: text(s.hint), createdAt: dateColumn(s.createdAt) })),
    subscriptions: subscriptions.map((s) => {
      const requestedPlanId = nullableColumn(s.requestedPlanId, String);
      return {
        id: text(s.id),
        status: text(s.status),
        reason: nullableColumn(s.reason, String),
        decidedAt: nullableColumn(s.decidedAt, dateColumn),
        createdAt: dateColumn(s.createdAt),
        planId: nullableColumn(s.planId, String),
        requestedPlan: requestedPlanId ? { id: requestedPlanId, name: text(s.requestedPlanName) } : null,
        product: {
          apiProductId: text(s.apiProductId),
          name: text(s.productName),
          slug: text(s.slug),
          plans: plansOf.get(text(s.productId)) ?? [],
        },
      };
    }),
    productCalls: calls.map((c) => ({
      product: { apiProductId: text(c.apiProductId), name: text(c.name) },
      callee: { apiProductId: text(c.calleeApiProductId), name: text(c.calleeName) },
    })),
  };
}
