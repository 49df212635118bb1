import { findManageableApp, type Viewer } from '../apps/access';
import { withAppLock } from '../apps/app-lock';
import { audited } from '../audit/audited';
import { subscriptionRequested } from '../notifications/announce';
import type { Db } from '../db';
import { conflict, invalid, notFound } from '../errors';
import { limitsChanged } from '../plans/limits-changed';
import { effectivePlan } from '../plans/list-plans';

// A consumer moves an approved subscription to another plan of its product.
// A plan that needs no approval applies at once; one that does is asked for:
// it waits in the approvals queue while the current plan keeps applying, and
// an admin's decision (decide-subscription.ts) makes it the plan or not.
// Asking for the current plan again withdraws a waiting request.

export interface PlanChange {
  /** `changed`: the new plan applies now; `requested`: it waits for approval; `withdrawn`: a waiting request was dropped. */
  outcome: 'changed' | 'requested' | 'withdrawn' | 'unchanged';
  plan: { id: string; name: string };
  requestedPlan: { id: string; name: string } | null;
}

export async function changePlan(db: Db, viewer: Viewer, appId: string, subscriptionId: string, planId: string): Promise<PlanChange> {
  const app = await findManageableApp(db, viewer, appId, 'change its applications’ plans');
  return withAppLock(db, app.id, async () => {
    const sub = await db.subscription.findFirst({
      where: { id: subscriptionId, applicationId: app.id },
      include: { product: { include: { plans: true } } },
    });
    if (!sub) throw notFound('That subscription');
    if (sub.status !== 'approved') {
      throw conflict(
        sub.status === 'pending'
          ? 'This subscription is waiting for approval: withdraw it and subscribe again on another plan'
          : 'This subscription was rejected: subscribe again to choose a plan',
      );
    }
    const plans = sub.product.plans;
    const target = plans.find((p) => p.id === planId);
    if (!target) throw invalid('That plan is not one of this product’s plans', { planId: 'Choose one of this product’s plans' });
    const current = effectivePlan(sub.planId, plans)!;
    const brief = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });
    const waiting = plans.find((p) => p.id === sub.requestedPlanId);
    const clearRequest = { requestedPlanId: null, planRequestedAt: null, planRequestedById: null };
    const entry = (action: string, detail: Record<string, unknown>) => ({
      actor: viewer,
      action,
      target: { type: 'application', id: app.id },
      detail: { product: sub.product.apiProductId, from: current.key, ...detail },
    });

    if (target.id === current.id) {
      if (!waiting) return { outcome: 'unchanged', plan: brief(current), requestedPlan: null };
      await audited(db, entry('subscription.plan_withdraw', { withdrawn: waiting.key }), () =>
        db.subscription.update({ where: { id: sub.id }, data: clearRequest }),
      );
      return { outcome: 'withdrawn', plan: brief(current), requestedPlan: null };
    }
    if (target.approvalRequired) {
      await audited(db, entry('subscription.plan_request', { to: target.key }), () =>
        db.subscription.update({
          where: { id: sub.id },
          data: { requestedPlanId: target.id, planRequestedAt: new Date(), planRequestedById: viewer.id },
        }),
      );
      await subscriptionRequested(db, app, sub.product, target.name);
      return { outcome: 'requested', plan: brief(current), requestedPlan: brief(target) };
    }
    await audited(db, entry('subscription.plan_change', { to: target.key }), () =>
      db.subscription.update({ where: { id: sub.id }, data: { planId: target.id, ...clearRequest } }),
    );
    limitsChanged();
    return { outcome: 'changed', plan: brief(target), requestedPlan: null };
  });
}
