import { z } from 'zod';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import type { IdpAdapter } from '../idp/types';
import { decideSubscription } from '../subscriptions/decide';
import { ownerLabel } from './products';

// The approvals queue: subscriptions to products that need an admin's yes,
// oldest first. Deciding goes through lib/subscriptions/decide.ts, which
// grants the scope in the IdP on approval and writes the audit entry.

export interface PendingApproval {
  id: string;
  requestedAt: string;
  requestedBy: string | null;
  app: { id: string; name: string; owner: string; description: string };
  product: { apiProductId: string; name: string; slug: string; scope: string | null };
}

/** At most `limit` pending subscriptions (the queue is meant to stay short), and how many there are. */
export async function listPendingApprovals(db: Db, limit = 200): Promise<{ items: PendingApproval[]; total: number }> {
  const where = { status: 'pending' };
  const [total, rows] = await Promise.all([
    db.subscription.count({ where }),
    db.subscription.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
      include: {
        product: { select: { apiProductId: true, name: true, slug: true, scope: true } },
        application: {
          select: {
            id: true,
            name: true,
            description: true,
            ownerUser: { select: { email: true } },
            ownerTeam: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  const requesters = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.requestedById))] } },
    select: { id: true, email: true },
  });
  const email = new Map(requesters.map((u) => [u.id, u.email]));
  return {
    total,
    items: rows.map((s) => ({
      id: s.id,
      requestedAt: s.createdAt.toISOString(),
      requestedBy: email.get(s.requestedById) ?? null,
      app: { id: s.application.id, name: s.application.name, description: s.application.description, owner: ownerLabel(s.application) },
      product: s.product,
    })),
  };
}

export const decisionSchema = z
  .object({
    approve: z.boolean({ error: 'Choose approve or reject' }),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').default(''),
  })
  .superRefine((v, ctx) => {
    if (!v.approve && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why: the app’s owner sees this reason' });
  });

export type DecisionInput = z.infer<typeof decisionSchema>;

export async function decide(db: Db, idp: IdpAdapter, admin: Viewer, subscriptionId: string, input: DecisionInput) {
  const sub = await decideSubscription(db, idp, admin, subscriptionId, input);
  return { id: sub.id, status: sub.status, reason: sub.reason, decidedAt: sub.decidedAt?.toISOString() ?? null };
}
