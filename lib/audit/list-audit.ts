import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { skipFor, toPage, type Page } from '../pagination';
import { endOf, startOf, type AuditFilter, type AuditListQuery } from './schemas';

// Reading the audit log (record-audit-event.ts alone writes it): filtered by
// action, actor, outcome, target and time, and paged. Nothing here, or
// anywhere, updates or deletes an entry.

export function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (f.action) where.action = f.action.endsWith('*') ? { startsWith: f.action.slice(0, -1) } : f.action;
  if (f.actor) where.actorEmail = { contains: f.actor };
  if (f.outcome) where.outcome = f.outcome;
  if (f.target) where.targetId = f.target;
  if (f.from || f.to) where.at = { ...(f.from && { gte: startOf(f.from) }), ...(f.to && { lte: endOf(f.to) }) };
  return where;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  outcome: string;
  idpRequestId: string | null;
  detail: Record<string, unknown> | null;
}

type AuditRecord = Prisma.AuditEventGetPayload<object>;

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { text: raw };
  }
}

export function toAuditRow(e: Omit<AuditRecord, 'actorId'>): AuditRow {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorEmail,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    idpRequestId: e.idpRequestId,
    detail: parseDetail(e.detail),
  };
}

export const AUDIT_ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: 'desc' }, { id: 'desc' }];

export async function listAuditEvents(db: Db, q: AuditListQuery): Promise<Page<AuditRow> & { actions: string[] }> {
  const where = auditWhere(q);
  const [total, rows, actions] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: AUDIT_ORDER, skip: skipFor(q), take: q.pageSize }),
    // GROUP BY in SQL (on the action index); Prisma's `distinct` would read every row.
    db.auditEvent.groupBy({ by: ['action'], orderBy: { action: 'asc' } }),
  ]);
  return { ...toPage(rows.map(toAuditRow), total, q), actions: actions.map((a) => a.action) };
}
