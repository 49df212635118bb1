// The token bucket's arithmetic as GCRA (the generic cell rate algorithm,
// ITU-T I.371): one number per bucket, the theoretical arrival time `tat`.
// With `limit` requests per `windowMs`, each request advances tat by
// T = windowMs / limit; a request is admitted while tat + T - now ≤ windowMs,
// so a full bucket admits `limit` requests at once and then one per T.
// Shared by the in-process store and mirrored by the Redis script.

const EPSILON = 1e-6;

export interface GcraStep {
  allowed: boolean;
  /** tat after the request (unchanged when refused). */
  tat: number;
  remaining: number;
  /** Milliseconds until one more request would be admitted (0 when the bucket is full). */
  resetMs: number;
  /** When refused: milliseconds until the next request would be admitted. */
  retryMs: number;
}

export function gcraStep(previousTat: number | undefined, nowMs: number, limit: number, windowMs: number): GcraStep {
  const interval = windowMs / limit;
  const tat = previousTat === undefined || previousTat < nowMs ? nowMs : previousTat;
  const next = tat + interval;
  if (next - nowMs > windowMs + EPSILON) {
    const retryMs = next - windowMs - nowMs;
    return { allowed: false, tat: previousTat ?? nowMs, remaining: 0, resetMs: retryMs, retryMs };
  }
  // gcraState inlined: this runs on every admitted request.
  const level = next - nowMs;
  const remaining = Math.min(limit, Math.floor((windowMs - level) / interval + EPSILON));
  const resetMs = remaining >= limit ? 0 : Math.max(0, level - (windowMs - (remaining + 1) * interval));
  return { allowed: true, tat: next, remaining, resetMs, retryMs: 0 };
}

/** Requests left and time until the next one returns, for a bucket at `tat`. */
export function gcraState(tat: number, nowMs: number, limit: number, windowMs: number): { remaining: number; resetMs: number } {
  const interval = windowMs / limit;
  const level = Math.max(0, tat - nowMs);
  const remaining = Math.min(limit, Math.floor((windowMs - level) / interval + EPSILON));
  if (remaining >= limit) return { remaining, resetMs: 0 };
  return { remaining, resetMs: Math.max(0, level - (windowMs - (remaining + 1) * interval)) };
}
