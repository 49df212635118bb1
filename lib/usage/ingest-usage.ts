import type { Db } from '../db';
import type { UsageRow } from '../data-path/usage/usage-row';
import { bucketStart, HISTOGRAM_COLUMNS, type Granularity } from './buckets';
import type { UsageRetention } from './settings';

// Writes what the data path counted (docs/architecture.md, "Usage"): each
// minute row is added into its minute, hour and day buckets at once — the
// roll-up happens as the rows arrive, so an hour or a day is complete the
// moment its last minute is, and a late flush lands in every bucket it
// belongs to. Rows of one batch that share a bucket are summed first; each
// bucket is then one upsert that increments (atomic on both databases), in
// transactions of a few hundred. Old rows go by their granularity's
// retention, checked at most once an hour.

const GRANULARITIES: Granularity[] = ['minute', 'hour', 'day'];
const WRITES_PER_TRANSACTION = 300;

interface Sum {
  granularity: Granularity;
  start: Date;
  clientId: string;
  productId: string;
  outcome: string;
  calls: number;
  latencySumMs: number;
  buckets: number[];
}

export function rollUp(rows: readonly UsageRow[]): Sum[] {
  const sums = new Map<string, Sum>();
  for (const row of rows) {
    const minute = Date.parse(row.minute);
    for (const granularity of GRANULARITIES) {
      const start = bucketStart(minute, granularity);
      const key = JSON.stringify([granularity, start, row.clientId, row.productId, row.outcome]);
      const sum = sums.get(key);
      if (sum) {
        sum.calls += row.calls;
        sum.latencySumMs += row.latencySumMs;
        row.buckets.forEach((n, i) => (sum.buckets[i]! += n));
      } else {
        sums.set(key, { granularity, start: new Date(start), ...row, buckets: [...row.buckets] });
      }
    }
  }
  return [...sums.values()];
}

export async function ingestUsage(
  db: Db,
  rows: readonly UsageRow[],
  retention?: UsageRetention,
  now = new Date(),
): Promise<{ buckets: number }> {
  const sums = rollUp(rows);
  for (let i = 0; i < sums.length; i += WRITES_PER_TRANSACTION) {
    await db.$transaction(
      sums.slice(i, i + WRITES_PER_TRANSACTION).map((s) => {
        const histogram = Object.fromEntries(HISTOGRAM_COLUMNS.map((c, b) => [c, s.buckets[b]!]));
        const increments = Object.fromEntries(HISTOGRAM_COLUMNS.map((c, b) => [c, { increment: s.buckets[b]! }]));
        const key = { granularity: s.granularity, start: s.start, clientId: s.clientId, productId: s.productId, outcome: s.outcome };
        return db.usageBucket.upsert({
          where: { granularity_start_clientId_productId_outcome: key },
          create: { ...key, calls: s.calls, latencySumMs: s.latencySumMs, ...histogram },
          update: { calls: { increment: s.calls }, latencySumMs: { increment: s.latencySumMs }, ...increments },
        });
      }),
    );
  }
  if (retention) await pruneUsageIfDue(db, retention, now);
  return { buckets: sums.length };
}

const global = globalThis as unknown as { __lanyardUsagePrunedAt?: number };

export async function pruneUsageIfDue(db: Db, retention: UsageRetention, now: Date): Promise<void> {
  if (global.__lanyardUsagePrunedAt !== undefined && now.getTime() - global.__lanyardUsagePrunedAt < 3_600_000) return;
  global.__lanyardUsagePrunedAt = now.getTime();
  await pruneUsage(db, retention, now);
}

/** Deletes rows older than their granularity's retention; returns how many went. */
export async function pruneUsage(db: Db, retention: UsageRetention, now: Date): Promise<number> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const deleted = await db.$transaction([
    db.usageBucket.deleteMany({ where: { granularity: 'minute', start: { lt: before(retention.minuteDays) } } }),
    db.usageBucket.deleteMany({ where: { granularity: 'hour', start: { lt: before(retention.hourDays) } } }),
    db.usageBucket.deleteMany({ where: { granularity: 'day', start: { lt: before(retention.dayDays) } } }),
  ]);
  return deleted.reduce((n, d) => n + d.count, 0);
}
