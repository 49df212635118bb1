import type { Viewer } from '../apps/access';
import { withAppLock } from '../apps/app-lock';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { conflict, notFound } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { changeClientProducts } from './client-scopes';
import type { DecisionInput } from './schemas';

export interface Decision {
  id: string;
  status: string;
  reason: string | null;
  decidedAt: string | null;
}

/**
 * An admin approves or rejects a pending subscription (the approvals queue,
 * docs/architecture.md "Approve a subscription"). Approval grants the scope
 * in the IdP before the row changes; both are audited.
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
  const decided = await withAppLock(db, sub.applicationId, async () => {
    const fresh = await db.subscription.findUnique({ where: { id: sub.id } });
    if (fresh?.status !== 'pending') throw conflict(`That subscription was already ${fresh?.status ?? 'removed'}`);
    const status = decision.approve ? 'approved' : 'rejected';
    return audited(
      db,
      {
        actor: admin,
        action: decision.approve ? 'subscription.approve' : 'subscription.reject',
        target: { type: 'application', id: sub.applicationId },
        detail: { product: sub.product.apiProductId, reason: decision.reason },
      },
      () =>
        changeClientProducts(
          db,
          idp,
          sub.application,
          (current) => (decision.approve ? [...current, sub.product.apiProductId] : current),
          () =>
            db.subscription.update({
              where: { id: sub.id },
              data: { status, reason: decision.reason || null, decidedById: admin.id, decidedAt: new Date() },
            }),
        ),
    );
  });
  return { id: decided.id, status: decided.status, reason: decided.reason, decidedAt: decided.decidedAt?.toISOString() ?? null };
}
