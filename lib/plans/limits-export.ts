import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { LimitsEntry, LimitsExport, ProductNotice } from '../data-path/limits/plan-limits';
import { effectivePlan } from './list-plans';
import { toPlanView } from './plan-view';

// The limits table the data path enforces (docs/adr/0006-plan-limits-in-the-data-path.md):
// one entry per approved subscription of an application that has an IdP
// client, on the subscription's plan (or the product's default). Pending and
// rejected subscriptions are absent: their tokens carry no scope for the
// product, so the check refuses them before limits matter. A pending plan
// change is absent too: the current plan applies until it is approved.

export async function exportLimits(db: Db, now = new Date()): Promise<LimitsExport> {
  const [plans, subscriptions, deprecated] = await Promise.all([
    db.plan.findMany({ orderBy: { id: 'asc' } }),
    db.subscription.findMany({
      where: { status: 'approved', application: { clientId: { not: null } } },
      select: { planId: true, productId: true, product: { select: { apiProductId: true } }, application: { select: { clientId: true } } },
      orderBy: { id: 'asc' },
    }),
    db.apiProduct.findMany({
      where: { deprecatedAt: { not: null } },
      select: { apiProductId: true, deprecatedAt: true, sunsetAt: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  // Deprecated products: the data path adds Deprecation and Sunset headers to their responses.
  const notices: ProductNotice[] = deprecated.map((p) => ({
    productId: p.apiProductId,
    deprecatedAt: Math.floor(p.deprecatedAt!.getTime() / 1000),
    ...(p.sunsetAt && { sunset: p.sunsetAt.toISOString() }),
  }));
  const byProduct = new Map<string, typeof plans>();
  for (const plan of plans) byProduct.set(plan.productId, [...(byProduct.get(plan.productId) ?? []), plan]);
  const entries: LimitsEntry[] = [];
  for (const sub of subscriptions) {
    const plan = effectivePlan(sub.planId, byProduct.get(sub.productId) ?? []);
    if (!plan) continue;
    const view = toPlanView(plan);
    entries.push({
      clientId: sub.application.clientId!,
      productId: sub.product.apiProductId,
      plan: view.key,
      planName: view.name,
      ...(view.rate && { rate: view.rate }),
      ...(view.quota && { quota: view.quota }),
    });
  }
  const version = createHash('sha256').update(JSON.stringify({ entries, notices })).digest('base64url').slice(0, 22);
  return { version, generatedAt: now.toISOString(), entries, notices };
}
