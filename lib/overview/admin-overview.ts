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

export async function adminOverview(db: Db, now = new Date()): Promise<AdminOverview> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [products, apps, users, admins, groups, last24h, failures24h, recent] = await Promise.all([
    db.apiProduct.count(),
    db.application.count(),
    db.user.count(),
    db.user.count({ where: { isAdmin: true } }),
    db.subscription.groupBy({ by: ['status'], _count: { _all: true } }),
    db.auditEvent.count({ where: { at: { gte: since } } }),
    db.auditEvent.count({ where: { at: { gte: since }, outcome: { not: 'success' } } }),
    db.auditEvent.findMany({ orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 8 }),
  ]);
  const subscriptions = { approved: 0, pending: 0, rejected: 0 };
  for (const g of groups) if (g.status in subscriptions) subscriptions[g.status as keyof typeof subscriptions] = g._count._all;
  return { products, apps, users, admins, subscriptions, audit: { last24h, failures24h }, recent: recent.map(toAuditRow) };
}
