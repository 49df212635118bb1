import { describe, expect, it } from 'vitest';
import type { PlanLimits } from '@/lib/data-path/limits/plan-limits';
import { LimitsTable } from '@/lib/data-path/limits/limits-table';
import { rateLimitHeaders, rateLimitField, rateLimitPolicy, limitedBody } from '@/lib/data-path/rate-limit/headers';
import type { LimitSubject, LimitVerdict } from '@/lib/data-path/rate-limit/limiter';
import { takeInMemory } from '@/lib/data-path/rate-limit/memory-limiter';
import { quotaWindowAt } from '@/lib/data-path/rate-limit/windows';

// The in-process limiter: a token bucket (GCRA) for the rate and a calendar
// window for the quota, on a clock the tests move.

const subject = (limits: Omit<PlanLimits, 'plan' | 'planName'>): LimitSubject => ({
  clientId: 'lyd_app',
  productId: 'tracks',
  limits: { plan: 'starter', planName: 'Starter', ...limits },
});

function burst(s: LimitSubject, at: number, n: number): LimitVerdict[] {
  return Array.from({ length: n }, () => takeInMemory(s, at));
}

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);

describe('rate limit: token bucket', () => {
  it('admits a burst up to the limit at once, then refuses with the wait until the next token', () => {
    const s = subject({ rate: { limit: 5, window: 'minute' } });
    const verdicts = burst(s, T0, 6);
    expect(verdicts.slice(0, 5).every((v) => v.allowed)).toBe(true);
    expect(verdicts.map((v) => v.rate?.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    const refused = verdicts[5]!;
    expect(refused).toMatchObject({ allowed: false, violated: 'rate', retryAfterSeconds: 12 });
    // One token every 60 s / 5 = 12 s.
    expect(takeInMemory(s, T0 + 11_999).allowed).toBe(false);
    expect(takeInMemory(s, T0 + 12_000)).toMatchObject({ allowed: true, rate: { remaining: 0 } });
  });

  it('refills evenly: a steady rate at the limit is always admitted, one faster is not', () => {
    const steady = subject({ rate: { limit: 10, window: 'second' } });
    for (let i = 0; i < 100; i++) expect(takeInMemory(steady, T0 + i * 100).allowed).toBe(true);
    const fast = subject({ rate: { limit: 10, window: 'second' } });
    const admitted = Array.from({ length: 100 }, (_, i) => takeInMemory(fast, T0 + i * 50).allowed).filter(Boolean).length;
    // 10 in the first burst, then one per 100 ms over 4.95 s.
    expect(admitted).toBe(10 + 49);
  });

  it('has no window edge: a burst at the end of one minute leaves nothing for the start of the next', () => {
    // A fixed window would admit 2 × the limit around the boundary; the bucket does not.
    const s = subject({ rate: { limit: 60, window: 'minute' } });
    const before = burst(s, T0 + 59_900, 60).filter((v) => v.allowed).length;
    const after = burst(s, T0 + 60_100, 60).filter((v) => v.allowed).length;
    expect(before).toBe(60);
    expect(after).toBe(0);
  });

  it('reports the time until the next token while not full, and 0 when full', () => {
    const s = subject({ rate: { limit: 2, window: 'minute' } });
    expect(takeInMemory(s, T0).rate).toEqual({ remaining: 1, resetSeconds: 30 });
    const later = subject({ rate: { limit: 2, window: 'minute' } });
    takeInMemory(later, T0);
    expect(takeInMemory(later, T0 + 120_000).rate).toEqual({ remaining: 1, resetSeconds: 30 });
  });
});

describe('quota: fixed calendar window (UTC)', () => {
  it('counts up to the quota, refuses until the window ends, and resets exactly at the boundary', () => {
    const s = subject({ quota: { limit: 3, window: 'day' } });
    const end = Date.UTC(2026, 11, 3);
    const late = end - 5_000;
    expect(burst(s, late, 3).map((v) => v.quota?.remaining)).toEqual([2, 1, 0]);
    const refused = takeInMemory(s, late);
    expect(refused).toMatchObject({ allowed: false, violated: 'quota', retryAfterSeconds: 5, quota: { remaining: 0, resetSeconds: 5 } });
    expect(takeInMemory(s, end - 1).allowed).toBe(false);
    expect(takeInMemory(s, end)).toMatchObject({ allowed: true, quota: { remaining: 2, windowSeconds: 86_400 } });
  });

  it('a month runs from the 1st to the 1st, whatever its length', () => {
    expect(quotaWindowAt('month', Date.UTC(2027, 1, 14, 9))).toEqual({ start: Date.UTC(2027, 1, 1), end: Date.UTC(2027, 2, 1) });
    const s = subject({ quota: { limit: 1, window: 'month' } });
    expect(takeInMemory(s, Date.UTC(2027, 1, 28, 23, 59, 59)).quota?.windowSeconds).toBe(28 * 86_400);
    expect(takeInMemory(s, Date.UTC(2027, 1, 28, 23, 59, 59, 999)).allowed).toBe(false);
    expect(takeInMemory(s, Date.UTC(2027, 2, 1)).allowed).toBe(true);
  });

  it('a request the rate refuses uses no quota, and one the quota refuses takes no token', () => {
    const s = subject({ rate: { limit: 1, window: 'second' }, quota: { limit: 2, window: 'day' } });
    expect(takeInMemory(s, T0).allowed).toBe(true);
    expect(takeInMemory(s, T0 + 10)).toMatchObject({ allowed: false, violated: 'rate', quota: { remaining: 1 } });
    expect(takeInMemory(s, T0 + 1_000)).toMatchObject({ allowed: true, quota: { remaining: 0 } });
    const refused = takeInMemory(s, T0 + 2_000);
    expect(refused).toMatchObject({ allowed: false, violated: 'quota', rate: { remaining: 1 } });
    // The quota outlasts the bucket: Retry-After points at the day's end.
    expect(refused.retryAfterSeconds).toBe(Math.ceil((Date.UTC(2026, 11, 3) - T0 - 2_000) / 1000));
  });

  it('keeps its count when the limits table is refreshed', () => {
    const entry = {
      clientId: 'lyd_app',
      productId: 'tracks',
      plan: 'starter',
      planName: 'Starter',
      quota: { limit: 2, window: 'day' as const },
    };
    const first = new LimitsTable([entry], 'v1');
    takeInMemory(first.lookup('lyd_app', 'tracks')!, T0);
    takeInMemory(first.lookup('lyd_app', 'tracks')!, T0);
    const second = new LimitsTable([{ ...entry, planName: 'Starter (renamed)' }], 'v2', first);
    expect(takeInMemory(second.lookup('lyd_app', 'tracks')!, T0).allowed).toBe(false);
  });
});

describe('RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-10)', () => {
  it('names each policy, its quota and window, what is left and when more comes', () => {
    const s = subject({ rate: { limit: 10, window: 'minute' }, quota: { limit: 1000, window: 'day' } });
    const v = takeInMemory(s, T0);
    expect(rateLimitPolicy(s.limits, v)).toBe('"starter-per-minute";q=10;w=60, "starter-per-day";q=1000;w=86400');
    expect(rateLimitField(s.limits, v)).toBe(`"starter-per-minute";r=9;t=6, "starter-per-day";r=999;t=${12 * 3600}`);
    expect(rateLimitHeaders(s.limits, v)).not.toContain('retry-after');
  });

  it('a refusal adds Retry-After no earlier than the violated policy’s t, and a problem+json body naming it', () => {
    const s = subject({ rate: { limit: 1, window: 'second' } });
    takeInMemory(s, T0);
    const refused = takeInMemory(s, T0 + 400);
    const headers = rateLimitHeaders(s.limits, refused);
    const get = (name: string) => headers[headers.indexOf(name) + 1];
    expect(get('ratelimit')).toBe('"starter-per-second";r=0;t=1');
    expect(Number(get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = JSON.parse(limitedBody(s.limits, refused, 'tracks').toString());
    expect(body).toMatchObject({
      type: 'https://iana.org/assignments/http-problem-types#quota-exceeded',
      status: 429,
      'violated-policies': ['starter-per-second'],
      reason: 'rate_limited',
    });
  });
});
