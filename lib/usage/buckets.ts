import { LATENCY_BOUNDS_MS, LATENCY_BUCKETS } from '../data-path/usage/usage-row';
import type { UsageRange } from './schemas';

// The UsageBucket table's shape in code: granularities, the histogram's
// columns (in the order of LATENCY_BOUNDS_MS, then the overflow), and which
// granularity and how many points each range of the charts reads.

export type Granularity = 'minute' | 'hour' | 'day';
export const GRANULARITY_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export const HISTOGRAM_COLUMNS = [
  'le1',
  'le2',
  'le5',
  'le10',
  'le25',
  'le50',
  'le100',
  'le250',
  'le500',
  'le1000',
  'le2500',
  'le5000',
  'leInf',
] as const;
export type HistogramColumn = (typeof HISTOGRAM_COLUMNS)[number];
if (HISTOGRAM_COLUMNS.length !== LATENCY_BUCKETS) throw new Error('UsageBucket histogram columns and LATENCY_BOUNDS_MS disagree');

export const RANGE: Record<UsageRange, { granularity: Granularity; points: number }> = {
  '1h': { granularity: 'minute', points: 60 },
  '24h': { granularity: 'hour', points: 24 },
  '7d': { granularity: 'hour', points: 168 },
  '30d': { granularity: 'day', points: 30 },
};

export function bucketStart(ms: number, granularity: Granularity): number {
  const size = GRANULARITY_MS[granularity];
  return Math.floor(ms / size) * size;
}

/** The range's bucket starts, oldest first, ending with the bucket `now` is in. */
export function rangeBuckets(range: UsageRange, now: number): { granularity: Granularity; starts: number[] } {
  const { granularity, points } = RANGE[range];
  const last = bucketStart(now, granularity);
  const size = GRANULARITY_MS[granularity];
  return { granularity, starts: Array.from({ length: points }, (_, i) => last - (points - 1 - i) * size) };
}

/**
 * The q-quantile of a latency histogram, in ms, interpolated linearly inside
 * its bucket (as Prometheus' histogram_quantile does); null without calls.
 * Above the last bound it answers the last bound: the histogram knows no more.
 */
export function quantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (seen + c >= rank && c > 0) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BOUNDS_MS[i]!;
      return lower + ((upper - lower) * (rank - seen)) / c;
    }
    seen += c;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
}
