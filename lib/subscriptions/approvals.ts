import { ownerLabel } from '../apps/owner';
import type { Db } from '../db';
import { describeLimits, toPlanView } from '../plans/plan-view';

// The approvals queue, oldest first: subscriptions to products or plans that
// need an admin's yes, and approved subscriptions asking to move to a plan
// that needs one. The decision itself is decide-subscription.ts.

export interface QueuedPlan {
  id: string;
  name: string;
  limits: string;
}

export interface PendingApproval {
  id: string;
  /** `subscription`: a new subscription waits; `plan_change`: an approved one asks for another plan. */
  kind: 'subscription' | 'plan_change';
  requestedAt: string;
  requestedBy: string | null;
  app: { id: string; name: string; owner: string; description: string };
  product: { apiProductId: string; name: string; slug: string; scope: string | null };
  /** The plan it is on (for a plan change, the one that applies until the decision). */
  plan: QueuedPlan | null;
  /** For a plan change: the plan asked for. */
  requestedPlan: QueuedPlan | null;
}

const queued = (plan: Parameters<typeof toPlanView>[0] | null): QueuedPlan | null =>
  plan ? { id: plan.id, name: plan.name, limits: describeLimits(toPlanView(plan)) } : null;

/** At most `limit` waiting items (the queue is meant to stay short), and how many there are. */
export async function listPendingApprovals(db: Db, limit = 200): Promise<{ items: PendingApproval[]; total: number }> {
  const where = { OR: [{ status: 'pending' }, { status: 'approved', requestedPlanId: { not: null } }] };
  const [total, rows] = await Promise.all([
    db.subscription.count({ where }),
    db.subscription.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
      include: {
        plan: true,
        requestedPlan: true,
        product: { select: { apiProductId: true, name: true, slug: true, scope: true, plans: { where: { isDefault: true } } } },
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
    where: { id: { in: [...new Set(rows.flatMap((r) => [r.requestedById, r.planRequestedById ?? r.requestedById]))] } },
    select: { id: true, email: true },
  });
  const email = new Map(requesters.map((u) => [u.id, u.email]));
  const items = rows.map((s): PendingApproval => {
    const planChange = s.status === 'approved';
    const { plans, ...product } = s.product;
    return {
      id: s.id,
      kind: planChange ? 'plan_change' : 'subscription',
      requestedAt: (planChange ? (s.planRequestedAt ?? s.updatedAt) : s.createdAt).toISOString(),
      requestedBy: email.get(planChange ? (s.planRequestedById ?? s.requestedById) : s.requestedById) ?? null,
      app: { id: s.application.id, name: s.application.name, description: s.application.description, owner: ownerLabel(s.application) },
      product,
      plan: queued(s.plan ?? plans[0] ?? null),
      requestedPlan: planChange ? queued(s.requestedPlan) : null,
    };
  });
  // Oldest request first, whichever kind it is.
  items.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
  return { total, items };
}
