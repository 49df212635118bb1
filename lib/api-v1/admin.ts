import 'server-only';
import { auditWhere, type AuditRow } from '../audit/list-audit';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { pageArgs, toCursorPage, type CursorPage, type CursorQuery } from './pagination';

// The admin lists of /api/v1: subscriptions (for approving) and the audit log,
// in cursor pages.

export interface V1Subscription {
  id: string;
  status: string;
  app: { id: string; name: string };
  product: string;
  plan: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export async function listV1Subscriptions(db: Db, q: CursorQuery & { status?: string }): Promise<CursorPage<V1Subscription>> {
  const { where, ...rest } = pageArgs(q);
  const rows = await db.subscription.findMany({
    ...rest,
    where: { ...where, ...(q.status && { status: q.status }) },
    include: {
      application: { select: { id: true, name: true } },
      product: { select: { apiProductId: true } },
      plan: { select: { key: true } },
    },
  });
  return toCursorPage(rows, q, (s) => ({
    id: s.id,
    status: s.status,
    app: { id: s.application.id, name: s.application.name },
    product: s.product.apiProductId,
    plan: s.plan?.key ?? null,
    reason: s.reason,
    createdAt: s.createdAt.toISOString(),
    decidedAt: s.decidedAt?.toISOString() ?? null,
  }));
}

/** Newest first. */
export async function listV1Audit(db: Db, q: CursorQuery & Parameters<typeof auditWhere>[0]): Promise<CursorPage<AuditRow>> {
  const { where, ...rest } = pageArgs(q, 'desc');
  const filter: Prisma.AuditEventWhereInput = { ...where, ...auditWhere(q) };
  const rows = await db.auditEvent.findMany({ ...rest, where: filter });
  return toCursorPage(rows, q, (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorEmail,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    outcome: r.outcome,
    idpRequestId: r.idpRequestId,
    detail: parseDetail(r.detail),
  }));
}

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { text: raw };
  }
}
