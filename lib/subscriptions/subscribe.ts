import { withAppLock } from '../apps/app-lock';
import { findManageableApp, type Viewer } from '../apps/access';
import { audited } from '../audit/audited';
import { subscriptionRequested } from '../notifications/announce';
import type { Db } from '../db';
import { conflict, notFound } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { limitsChanged } from '../plans/limits-changed';
import { changeClientProducts } from './client-scopes';
import { choosePlan } from './choose-plan';
import type { SubscriptionStatus } from './schemas';

/**
 * Subscribes an application to a product, on the plan the consumer chose (or
 * the product's default). A product or a plan that needs approval waits as
 * `pending`; otherwise the product is granted in the IdP at once. A rejected
 * subscription may be asked for again.
 */
export interface SubscriptionCreated {
  id: string;
  status: SubscriptionStatus;
  plan: { id: string; name: string } | null;
}

export async function subscribe(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  apiProductId: string,
  planId?: string,
): Promise<SubscriptionCreated> {
  const app = await findManageableApp(db, viewer, appId, 'change its applications’ subscriptions');
  const product = await db.apiProduct.findUnique({ where: { apiProductId } });
  if (!product) throw notFound('That API product');
  const plan = await choosePlan(db, product.id, planId);
  const created = await withAppLock(db, app.id, async () => {
    const existing = await db.subscription.findUnique({
      where: { applicationId_productId: { applicationId: app.id, productId: product.id } },
    });
    if (existing && existing.status !== 'rejected') {
      throw conflict(`${app.name} is already subscribed to ${product.name} (${existing.status})`);
    }
    const status: SubscriptionStatus = product.approvalRequired || plan?.approvalRequired ? 'pending' : 'approved';
    return audited(
      db,
      {
        actor: viewer,
        action: 'subscription.create',
        target: { type: 'application', id: app.id },
        detail: { product: apiProductId, status, ...(plan && { plan: plan.key }) },
      },
      () =>
        changeClientProducts(
          db,
          idp,
          app,
          (current) => (status === 'approved' ? [...current, apiProductId] : current),
          () => {
            const data = {
              status,
              requestedById: viewer.id,
              decidedById: null,
              decidedAt: null,
              reason: null,
              planId: plan?.id ?? null,
              requestedPlanId: null,
              planRequestedAt: null,
              planRequestedById: null,
            };
            const select = { id: true } as const;
            const row = existing
              ? db.subscription.update({ where: { id: existing.id }, data, select })
              : db.subscription.create({ data: { ...data, applicationId: app.id, productId: product.id }, select });
            return row.then(({ id }) => ({ id, status, plan: plan ? { id: plan.id, name: plan.name } : null }));
          },
        ),
    );
  });
  if (created.status === 'approved') limitsChanged();
  else await subscriptionRequested(db, app, product);
  return created;
}

export async function unsubscribe(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, subscriptionId: string): Promise<void> {
  const app = await findManageableApp(db, viewer, appId, 'change its applications’ subscriptions');
  const find = () =>
    db.subscription.findFirst({
      where: { id: subscriptionId, applicationId: app.id },
      select: { id: true, product: { select: { apiProductId: true } } },
    });
  const sub = await find();
  if (!sub) throw notFound('That subscription');
  await withAppLock(db, app.id, async () => {
    // Another replica may have ended it while this request waited for the lock.
    if (!(await find())) throw notFound('That subscription');
    return audited(
      db,
      {
        actor: viewer,
        action: 'subscription.delete',
        target: { type: 'application', id: app.id },
        detail: { product: sub.product.apiProductId },
      },
      () =>
        changeClientProducts(
          db,
          idp,
          app,
          (current) => current.filter((id) => id !== sub.product.apiProductId),
          () => db.subscription.delete({ where: { id: sub.id } }).then(() => undefined),
        ),
    );
  });
  limitsChanged();
}
