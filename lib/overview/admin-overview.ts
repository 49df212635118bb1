import type { Db } from '../db';
import { toAuditRow, type AuditRow } from '../audit/list-audit';

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

type Counts = Record<'products' | 'apps' | 'users' | 'admins' | 'approved' | 'pending' | 'rejected', number | bigint>;

export async function adminOverview(db: Db, now = new Date()): Promise<AdminOverview> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [[counts], last24h, failures24h, recent] = await Promise.all([
    // One round trip for the table counts: five Prisma queries cost more in
    // per-query overhead than in counting (the same SQL on both databases).
    db.$queryRaw<Counts[]>`SELECT
      (SELECT COUNT(*) FROM "ApiProduct") AS products,
      (SELECT COUNT(*) FROM "Application") AS apps,
      (SELECT COUNT(*) FROM "User") AS users,
      (SELECT COUNT(*) FROM "User" WHERE "isAdmin" = true) AS admins,
      (SELECT COUNT(*) FROM "Subscription" WHERE "status" = 'approved') AS approved,
      (SELECT COUNT(*) FROM "Subscription" WHERE "status" = 'pending') AS pending,
      (SELECT COUNT(*) FROM "Subscription" WHERE "status" = 'rejected') AS rejected`,
    db.auditEvent.count({ where: { at: { gte: since } } }),
    db.auditEvent.count({ where: { at: { gte: since }, outcome: { not: 'success' } } }),
    db.auditEvent.findMany({ orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 8 }),
  ]);
  const n = (key: keyof Counts) => Number(counts?.[key] ?? 0);
  return {
    products: n('products'),
    apps: n('apps'),
    users: n('users'),
    admins: n('admins'),
    subscriptions: { approved: n('approved'), pending: n('pending'), rejected: n('rejected') },
    audit: { last24h, failures24h },
    recent: recent.map(toAuditRow),
  };
}
