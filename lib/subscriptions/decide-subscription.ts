import type { Viewer } from '../apps/access';
import { withAppLock } from '../apps/app-lock';
import { audited } from '../audit/audited';
import { subscriptionDecided } from '../notifications/announce';
import type { Db } from '../db';
import { conflict, notFound } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { limitsChanged } from '../plans/limits-changed';
import { changeClientProducts } from './client-scopes';
import type { DecisionInput } from './schemas';

export interface Decision {
  id: string;
  status: string;
  reason: string | null;
  decidedAt: string | null;
  /** The plan that applies after the decision. */
  planId: string | null;
}

/**
 * An admin decides what waits in the approvals queue (docs/architecture.md
 * "Approve a subscription"): a pending subscription, or an approved one's
 * request to move to a plan that needs approval. Approving a subscription
 * grants the scope in the IdP before the row changes; approving a plan
 * change makes the requested plan the subscription's plan, and rejecting it
 * keeps the current one. Every decision is audited with its reason.
 */
export async function decideSubscription(
  db: Db,
  idp: IdpAdapter,
  admin: Viewer,
  subscriptionId: string,
  decision: DecisionInput,
): Promise<Decision> {
  const sub = await db.subscription.findUnique({ where: { id: subscriptionId }, include: { product: true, application: true } });
  if (!sub) throw notFound('That subscription');
  let planDecided: string | undefined;
  const decided = await withAppLock(db, sub.applicationId, async () => {
    const fresh = await db.subscription.findUnique({ where: { id: sub.id }, include: { requestedPlan: true, plan: true } });
    const stamp = { reason: decision.reason || null, decidedById: admin.id, decidedAt: new Date() };
    if (fresh?.status === 'approved' && fresh.requestedPlan) {
      const requested = fresh.requestedPlan;
      planDecided = requested.name;
      return audited(
        db,
        {
          actor: admin,
          action: decision.approve ? 'subscription.plan_approve' : 'subscription.plan_reject',
          target: { type: 'application', id: sub.applicationId },
          detail: { product: sub.product.apiProductId, from: fresh.plan?.key ?? null, to: requested.key, reason: decision.reason },
        },
        () =>
          db.subscription.update({
            where: { id: sub.id },
            data: {
              ...stamp,
              ...(decision.approve && { planId: requested.id }),
              requestedPlanId: null,
              planRequestedAt: null,
              planRequestedById: null,
            },
          }),
      );
    }
    if (fresh?.status !== 'pending') throw conflict(`That subscription was already ${fresh?.status ?? 'removed'}`);
    const status = decision.approve ? 'approved' : 'rejected';
    return audited(
      db,
      {
        actor: admin,
        action: decision.approve ? 'subscription.approve' : 'subscription.reject',
        target: { type: 'application', id: sub.applicationId },
        detail: { product: sub.product.apiProductId, reason: decision.reason, ...(fresh.plan && { plan: fresh.plan.key }) },
      },
      () =>
        changeClientProducts(
          db,
          idp,
          sub.application,
          (current) => (decision.approve ? [...current, sub.product.apiProductId] : current),
          () => db.subscription.update({ where: { id: sub.id }, data: { status, ...stamp } }),
        ),
    );
  });
  if (decision.approve) limitsChanged();
  await subscriptionDecided(db, sub.application, sub.product, { approved: decision.approve, reason: decided.reason, plan: planDecided });
  return {
    id: decided.id,
    status: decided.status,
    reason: decided.reason,
    decidedAt: decided.decidedAt?.toISOString() ?? null,
    planId: decided.planId,
  };
}
