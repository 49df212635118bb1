import type { PlanLimits } from '../limits/plan-limits';

// The limiter's contract. A call takes one request from the (client,
// product) pair's allowance: the rate limit is a token bucket of `limit`
// requests refilled evenly over the window (computed as GCRA: one
// "theoretical arrival time" per pair, so a burst of up to `limit` passes and
// then one request per window/limit), the quota a counter per calendar window.
// A request is admitted only when both allow it, and only an admitted request
// uses either up. Stores: in process (memory-limiter.ts) or Redis
// (redis-limiter.ts), shared by every replica.

/** One (client, product) pair with limits: what the limiter keys and what its verdicts report. */
export interface LimitSubject {
  readonly clientId: string;
  readonly productId: string;
  readonly limits: PlanLimits;
  /** The in-process store's state, kept on the subject itself (no second lookup). */
  tat?: number;
  quotaStart?: number;
  quotaEnd?: number;
  quotaUsed?: number;
}

export interface LimitState {
  /** Requests left now. */
  remaining: number;
  /** Seconds until more is available (0: nothing used). */
  resetSeconds: number;
}

export interface LimitVerdict {
  readonly allowed: boolean;
  /** Which limit refused it. */
  readonly violated?: 'rate' | 'quota';
  /** Seconds the caller should wait when refused (Retry-After). */
  readonly retryAfterSeconds?: number;
  readonly rate?: LimitState;
  readonly quota?: LimitState & { windowSeconds: number };
  /** The limiter could not decide (the store failed): admitted without limits. */
  readonly failedOpen?: boolean;
}

export interface Limiter {
  readonly kind: 'memory' | 'redis';
  take(subject: LimitSubject, nowMs: number): LimitVerdict | Promise<LimitVerdict>;
  /** Resolves once the store can answer (Redis: connected). */
  ready?(): Promise<void>;
  close(): Promise<void>;
}
