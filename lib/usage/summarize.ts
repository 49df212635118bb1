import type { Outcome } from '../data-path/usage/usage-row';
import { HISTOGRAM_COLUMNS, quantile } from './buckets';

// Turns UsageBucket rows into what the charts show: calls split into those
// that went well, client errors (4xx, including 429s from the plan's limits
// and 401/403 refusals) and server errors (5xx, including the data path's
// own 503), and p95 latency from the summed histograms.

export interface UsageCounts {
  calls: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  limited: number;
  /** 95th percentile latency in ms, null without calls. */
  p95: number | null;
}

type Bucketed = { outcome: string; calls: number } & Partial<Record<(typeof HISTOGRAM_COLUMNS)[number], number>>;

const CLIENT_ERRORS = new Set<string>(['4xx', 'limited', 'refused'] satisfies Outcome[]);
const SERVER_ERRORS = new Set<string>(['5xx', 'unavailable'] satisfies Outcome[]);
/** Outcomes that used up quota: everything the plan's limits and the token check let through. */
export const QUOTA_EXEMPT = ['limited', 'refused', 'unavailable'] satisfies Outcome[];

export class CountsBuilder {
  private readonly histogram = HISTOGRAM_COLUMNS.map(() => 0);
  readonly counts: Omit<UsageCounts, 'p95'> = { calls: 0, ok: 0, clientErrors: 0, serverErrors: 0, limited: 0 };

  add(row: Bucketed): void {
    const c = this.counts;
    c.calls += row.calls;
    if (CLIENT_ERRORS.has(row.outcome)) c.clientErrors += row.calls;
    else if (SERVER_ERRORS.has(row.outcome)) c.serverErrors += row.calls;
    else c.ok += row.calls;
    if (row.outcome === 'limited') c.limited += row.calls;
    HISTOGRAM_COLUMNS.forEach((col, i) => (this.histogram[i]! += row[col] ?? 0));
  }

  build(): UsageCounts {
    const p95 = quantile(this.histogram, 0.95);
    return { ...this.counts, p95: p95 === null ? null : Math.round(p95 * 100) / 100 };
  }
}

export function summarize(rows: readonly Bucketed[]): UsageCounts {
  const b = new CountsBuilder();
  for (const r of rows) b.add(r);
  return b.build();
}
