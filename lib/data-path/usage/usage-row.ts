// What the data path reports about the calls it saw: per minute, client,
// product and outcome, the number of calls and their latency as a
// histogram (lib/usage stores these in the UsageBucket table).

/**
 * - `2xx`…`5xx`: the status class the caller got from the upstream (the demo gateway sees it);
 * - `admitted`: ext_authz let the call through (it never sees the upstream's answer);
 * - `limited`: 429, the plan's rate limit or quota refused it;
 * - `refused`: 401/403 from the token check; `unavailable`: 503, the issuer's keys could not be fetched.
 */
export const OUTCOMES = ['admitted', '2xx', '3xx', '4xx', '5xx', 'limited', 'refused', 'unavailable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Upper bounds of the latency buckets, in milliseconds; the last bucket is everything above 5 s. */
export const LATENCY_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

export interface UsageRow {
  /** The minute's start, ISO 8601 (UTC). */
  minute: string;
  clientId: string;
  productId: string;
  outcome: Outcome;
  calls: number;
  latencySumMs: number;
  /** Calls per latency bucket (LATENCY_BOUNDS_MS, then the overflow bucket); sums to `calls`. */
  buckets: number[];
}

export function statusOutcome(status: number): Outcome {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}

export function latencyBucket(ms: number): number {
  // Most calls are fast: the first comparisons usually decide.
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]!) return i;
  return LATENCY_BOUNDS_MS.length;
}
