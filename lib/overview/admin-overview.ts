import type { Db } from '../db';
import { querySql, type Placeholder } from '../db-sql';
import { AUDIT_COLUMNS, auditRowFromSql, type AuditRow } from '../audit/list-audit';

// The admin console's front page: how much there is, what waits for a
// decision, and what happened last.

export interface AdminOverview {
  products: number;
  apps: number;
  users: number;
  admins: number;
  subscriptions: { approved: number; pending: number; rejected: number };
  audit: { last24h: number; failures24h: number };
  recent: AuditRow[];
}

type Counted = 'products' | 'apps' | 'users' | 'admins' | 'subscriptions' | 'pending' | 'rejected' | 'last24h' | 'failures24h';

/** How many of the latest audit events the front page shows. */
export const RECENT_SHOWN = 8;

export async function adminOverview(db: Db, now = new Date()): Promise<AdminOverview> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  // Every view of the console's front page makes these reads, so they go to
  // the driver (lib/db-sql.ts): two statements, none through Prisma's compiler
  // (each statement costs about 0.25 ms in the driver's adapter besides its SQL).
  const at = (p: Placeholder) => `"at" >= ${p(0)}`;
  const [[counts], recent] = await Promise.all([
    querySql(
      db,
      (p) => `SELECT
      (SELECT COUNT(*) FROM "ApiProduct") AS "products",
      (SELECT COUNT(*) FROM "Application") AS "apps",
      (SELECT COUNT(*) FROM "User") AS "users",
      (SELECT COUNT(*) FROM "User" WHERE "isAdmin" = true) AS "admins",
      (SELECT COUNT(*) FROM "Subscription") AS "subscriptions",
      (SELECT COUNT(*) FROM "Subscription" WHERE "status" = 'pending') AS "pending",
      (SELECT COUNT(*) FROM "Subscription" WHERE "status" = 'rejected') AS "rejected",
      (SELECT COUNT(*) FROM "AuditEvent" WHERE ${at(p)}) AS "last24h",
      (SELECT COUNT(*) FROM "AuditEvent" WHERE ${at(p)} AND "outcome" <> 'success') AS "failures24h"`,
      [['datetime', since]],
    ),
    querySql(db, (p) => `SELECT ${AUDIT_COLUMNS} FROM "AuditEvent" ORDER BY "at" DESC, "id" DESC LIMIT ${p(0)}`, [['int', RECENT_SHOWN]]),
  ]);
  const n = (key: Counted) => Number(counts?.[key] ?? 0);
  return {
    products: n('products'),
    apps: n('apps'),
    users: n('users'),
    admins: n('admins'),
    // A subscription is pending, approved or rejected (lib/subscriptions/schemas.ts): approved ones are the
    // rest. Counting them walked most of the status index (0.6 of the front page's 1.1 ms of SQL at 20,000).
    subscriptions: { approved: n('subscriptions') - n('pending') - n('rejected'), pending: n('pending'), rejected: n('rejected') },
    audit: { last24h: n('last24h'), failures24h: n('failures24h') },
    recent: recent.map(auditRowFromSql),
  };
}
