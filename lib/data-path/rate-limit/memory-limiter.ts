import { RATE_WINDOW_MS } from '../limits/plan-limits';
import { gcraState, gcraStep } from './gcra';
import type { Limiter, LimitState, LimitSubject, LimitVerdict } from './limiter';
import { quotaWindowAt } from './windows';

// The in-process store: state lives on the subject (the limits table entry),
// so one process (one authz or the portal's demo gateway) counts exactly and
// at no extra lookup. Several replicas need the Redis store instead.

/** Whole seconds, rounded up (delay-seconds never promise too early). */
export const ceilSeconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000 - 1e-9));

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function takeInMemory(subject: LimitSubject, nowMs: number): LimitVerdict {
  const { rate, quota } = subject.limits;
  const verdict: Mutable<LimitVerdict> = { allowed: true };
  let nextTat: number | undefined;
  if (rate) {
    const windowMs = RATE_WINDOW_MS[rate.window];
    const step = gcraStep(subject.tat, nowMs, rate.limit, windowMs);
    if (!step.allowed) {
      verdict.allowed = false;
      verdict.violated = 'rate';
      verdict.retryAfterSeconds = Math.max(1, ceilSeconds(step.retryMs));
      verdict.rate = { remaining: 0, resetSeconds: verdict.retryAfterSeconds };
    } else {
      nextTat = step.tat;
      verdict.rate = { remaining: step.remaining, resetSeconds: ceilSeconds(step.resetMs) };
    }
  }
  if (quota) {
    // The window is worked out again only when the clock leaves it.
    if (subject.quotaEnd === undefined || nowMs >= subject.quotaEnd || nowMs < subject.quotaStart!) {
      const window = quotaWindowAt(quota.window, nowMs);
      subject.quotaStart = window.start;
      subject.quotaEnd = window.end;
      subject.quotaUsed = 0;
    }
    const used = subject.quotaUsed!;
    const state: LimitState & { windowSeconds: number } = {
      remaining: quota.limit - used,
      resetSeconds: Math.max(1, ceilSeconds(subject.quotaEnd - nowMs)),
      windowSeconds: (subject.quotaEnd - subject.quotaStart!) / 1000,
    };
    verdict.quota = state;
    if (used >= quota.limit) {
      state.remaining = 0;
      // The refused request took nothing from the bucket: report it as it stands.
      if (rate && verdict.allowed) {
        const windowMs = RATE_WINDOW_MS[rate.window];
        const bucket = gcraState(subject.tat ?? nowMs, nowMs, rate.limit, windowMs);
        verdict.rate = { remaining: bucket.remaining, resetSeconds: ceilSeconds(bucket.resetMs) };
      }
      // An exhausted quota outlasts any wait for the bucket.
      verdict.allowed = false;
      verdict.violated = 'quota';
      verdict.retryAfterSeconds = Math.max(verdict.retryAfterSeconds ?? 0, state.resetSeconds);
    } else if (verdict.allowed) {
      subject.quotaUsed = used + 1;
      state.remaining = quota.limit - used - 1;
    }
  }
  if (verdict.allowed && nextTat !== undefined) subject.tat = nextTat;
  return verdict;
}

export function createMemoryLimiter(): Limiter {
  return { kind: 'memory', take: takeInMemory, close: async () => undefined };
}
