import { withAppLock } from '../apps/app-lock';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { conflict, notFound } from '../http/api-error';
import type { IdpAdapter } from '../idp/types';
import type { Viewer } from '../apps/access';
import { changeClientProducts } from './client-scopes';

/** An admin approves or rejects a pending subscription; approval grants the scope in the IdP. */
export async function decideSubscription(
  db: Db,
  idp: IdpAdapter,
  admin: Viewer,
  subscriptionId: string,
  decision: { approve: boolean; reason: string },
) {
  const sub = await db.subscription.findUnique({ where: { id: subscriptionId }, include: { product: true, application: true } });
  if (!sub) throw notFound('That subscription');
  return withAppLock(sub.applicationId, async () => {
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
}
