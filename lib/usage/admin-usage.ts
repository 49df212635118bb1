import { ownerLabel } from '../apps/owner';
import type { Db } from '../db';
import { HISTOGRAM_COLUMNS, rangeBuckets, type Granularity } from './buckets';
import type { UsageRange } from './schemas';
import { CountsBuilder, type UsageCounts } from './summarize';

// Usage across the portal for the admin console: errors over time, and the
// products and applications with the most calls in the range.

export interface AdminUsage {
  range: UsageRange;
  granularity: Granularity;
  from: string;
  to: string;
  totals: UsageCounts;
  points: ({ t: string } & UsageCounts)[];
  topProducts: ({ apiProductId: string; name: string; slug: string | null } & UsageCounts)[];
  /** `app` is null for calls no application can be named for (refused before a client was known, or a deleted app). */
  topApps: ({ clientId: string; app: { id: string; name: string; owner: string } | null } & UsageCounts)[];
}

const TOP = 10;
const sums = Object.fromEntries([['calls', true], ...HISTOGRAM_COLUMNS.map((c) => [c, true])]) as Record<string, true>;

type Grouped = { outcome: string; _sum: Record<string, number | null> };
const flat = (g: Grouped) => ({
  outcome: g.outcome,
  calls: g._sum.calls ?? 0,
  ...Object.fromEntries(HISTOGRAM_COLUMNS.map((c) => [c, g._sum[c] ?? 0])),
});

function grouped<K extends string>(groups: (Grouped & Record<K, unknown>)[], key: K): Map<string, CountsBuilder> {
  const out = new Map<string, CountsBuilder>();
  for (const g of groups) {
    const k = String(g[key] instanceof Date ? (g[key] as Date).getTime() : g[key]);
    if (!out.has(k)) out.set(k, new CountsBuilder());
    out.get(k)!.add(flat(g));
  }
  return out;
}

const busiest = <T extends { calls: number }>(items: T[]) => items.sort((a, b) => b.calls - a.calls).slice(0, TOP);

export async function adminUsage(db: Db, range: UsageRange, now = new Date()): Promise<AdminUsage> {
  const { granularity, starts } = rangeBuckets(range, now.getTime());
  const where = { granularity, start: { gte: new Date(starts[0]!) } };
  const [byTime, byProduct, byClient] = await Promise.all([
    db.usageBucket.groupBy({ by: ['start', 'outcome'], where, _sum: sums }),
    db.usageBucket.groupBy({ by: ['productId', 'outcome'], where, _sum: sums }),
    db.usageBucket.groupBy({ by: ['clientId', 'outcome'], where, _sum: sums }),
  ]);
  const time = grouped(byTime as unknown as (Grouped & { start: Date })[], 'start');
  const products = grouped(byProduct as unknown as (Grouped & { productId: string })[], 'productId');
  const clients = grouped(byClient as unknown as (Grouped & { clientId: string })[], 'clientId');
  const total = new CountsBuilder();
  for (const g of byProduct as unknown as Grouped[]) total.add(flat(g));

  const topProducts = busiest([...products].map(([apiProductId, b]) => ({ apiProductId, ...b.build() })));
  const topClients = busiest([...clients].map(([clientId, b]) => ({ clientId, ...b.build() })));
  const [catalog, apps] = await Promise.all([
    db.apiProduct.findMany({
      where: { apiProductId: { in: topProducts.map((p) => p.apiProductId) } },
      select: { apiProductId: true, name: true, slug: true },
    }),
    db.application.findMany({
      where: { clientId: { in: topClients.map((c) => c.clientId).filter(Boolean) } },
      select: { id: true, name: true, clientId: true, ownerUser: { select: { email: true } }, ownerTeam: { select: { name: true } } },
    }),
  ]);
  return {
    range,
    granularity,
    from: new Date(starts[0]!).toISOString(),
    to: now.toISOString(),
    totals: total.build(),
    points: starts.map((t) => ({ t: new Date(t).toISOString(), ...(time.get(String(t)) ?? new CountsBuilder()).build() })),
    topProducts: topProducts.map((p) => {
      const known = catalog.find((c) => c.apiProductId === p.apiProductId);
      return { ...p, name: known?.name ?? (p.apiProductId || 'No product'), slug: known?.slug ?? null };
    }),
    topApps: topClients.map((c) => {
      const app = apps.find((a) => a.clientId === c.clientId);
      return { ...c, app: app ? { id: app.id, name: app.name, owner: ownerLabel(app) } : null };
    }),
  };
}
