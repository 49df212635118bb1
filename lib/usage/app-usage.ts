import { findAccessibleApp, type Viewer } from '../apps/access';
import type { Db } from '../db';
import { quotaWindowAt } from '../data-path/rate-limit/windows';
import { effectivePlan } from '../plans/list-plans';
import { describeLimits, toPlanView, type PlanView } from '../plans/plan-view';
import { rangeBuckets, type Granularity } from './buckets';
import type { UsageRange } from './schemas';
import { CountsBuilder, QUOTA_EXEMPT, summarize, type UsageCounts } from './summarize';

// One application's usage for its page (docs/architecture.md, "Usage"): per
// product, calls over the range in buckets, the totals, the plan it is on and
// how much of the plan's quota the current window has used.

export interface UsagePoint extends UsageCounts {
  /** The bucket's start, ISO 8601. */
  t: string;
}

export interface ProductUsage {
  apiProductId: string;
  name: string;
  slug: string | null;
  subscribed: boolean;
  totals: UsageCounts;
  points: UsagePoint[];
  plan: (Pick<PlanView, 'id' | 'name' | 'rate' | 'quota'> & { limits: string }) | null;
  /** The plan's quota in the current calendar window (UTC). */
  quota: { limit: number; used: number; window: 'day' | 'month'; resetsAt: string } | null;
}

export interface AppUsage {
  range: UsageRange;
  granularity: Granularity;
  from: string;
  to: string;
  /** Whether the app has had any call in the range. */
  hasCalls: boolean;
  products: ProductUsage[];
}

export async function appUsage(db: Db, viewer: Viewer, appId: string, range: UsageRange, now = new Date()): Promise<AppUsage> {
  const app = await findAccessibleApp(db, viewer, appId);
  const { granularity, starts } = rangeBuckets(range, now.getTime());
  const from = new Date(starts[0]!);
  const subscriptions = await db.subscription.findMany({
    where: { applicationId: app.id },
    include: { product: { select: { apiProductId: true, name: true, slug: true, plans: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const rows = app.clientId
    ? await db.usageBucket.findMany({ where: { granularity, clientId: app.clientId, start: { gte: from } }, orderBy: { start: 'asc' } })
    : [];
  const productIds = [...new Set([...subscriptions.map((s) => s.product.apiProductId), ...rows.map((r) => r.productId)])];
  const others = await db.apiProduct.findMany({
    where: { apiProductId: { in: productIds.filter((id) => !subscriptions.some((s) => s.product.apiProductId === id)) } },
    select: { apiProductId: true, name: true, slug: true },
  });

  // Quota used in the current window: day rows since the window began (a day is one row, a month up to 31).
  const quotaStarts = new Map<string, { start: number; end: number; window: 'day' | 'month' }>();
  for (const s of subscriptions) {
    const quota = effectivePlan(s.planId, s.product.plans.map(toPlanView))?.quota;
    if (quota && s.status === 'approved')
      quotaStarts.set(s.product.apiProductId, { ...quotaWindowAt(quota.window, now.getTime()), window: quota.window });
  }
  const earliest = Math.min(...[...quotaStarts.values()].map((w) => w.start));
  const quotaRows =
    app.clientId && quotaStarts.size
      ? await db.usageBucket.findMany({
          where: {
            granularity: 'day',
            clientId: app.clientId,
            productId: { in: [...quotaStarts.keys()] },
            start: { gte: new Date(earliest) },
            outcome: { notIn: QUOTA_EXEMPT },
          },
          select: { productId: true, start: true, calls: true },
        })
      : [];

  const products = productIds.map((apiProductId): ProductUsage => {
    const sub = subscriptions.find((s) => s.product.apiProductId === apiProductId);
    const known = sub?.product ?? others.find((p) => p.apiProductId === apiProductId);
    const mine = rows.filter((r) => r.productId === apiProductId);
    const byStart = new Map<number, CountsBuilder>();
    for (const r of mine) {
      const t = r.start.getTime();
      if (!byStart.has(t)) byStart.set(t, new CountsBuilder());
      byStart.get(t)!.add(r);
    }
    const plan = sub ? effectivePlan(sub.planId, sub.product.plans.map(toPlanView)) : undefined;
    const window = quotaStarts.get(apiProductId);
    const used = window
      ? quotaRows.filter((q) => q.productId === apiProductId && q.start.getTime() >= window.start).reduce((n, q) => n + q.calls, 0)
      : 0;
    return {
      apiProductId,
      name: known?.name ?? apiProductId,
      slug: known?.slug ?? null,
      subscribed: sub?.status === 'approved',
      totals: summarize(mine),
      points: starts.map((t) => ({ t: new Date(t).toISOString(), ...(byStart.get(t) ?? new CountsBuilder()).build() })),
      plan: plan ? { id: plan.id, name: plan.name, rate: plan.rate, quota: plan.quota, limits: describeLimits(plan) } : null,
      quota:
        plan?.quota && window
          ? { limit: plan.quota.limit, used, window: window.window, resetsAt: new Date(window.end).toISOString() }
          : null,
    };
  });
  return {
    range,
    granularity,
    from: from.toISOString(),
    to: now.toISOString(),
    hasCalls: rows.length > 0,
    products,
  };
}
