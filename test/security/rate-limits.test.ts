import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hitCounter, peekCounter } from '@/lib/rate-limit/counters';
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess, spendBudget } from '@/lib/rate-limit/policies';
import { RateLimited } from '@/lib/rate-limit/rate-limited';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The shared counters and the limits built on them, on a real database (run
// on SQLite and, with LANYARD_TEST_POSTGRES_URL, on PostgreSQL).

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as RateLimited,
  );

describe('counters', () => {
  it('count concurrent hits exactly, and start again in a new window', async () => {
    const now = 1_800_000_000_000;
    const counts = await Promise.all(Array.from({ length: 25 }, () => hitCounter(t.db, 'c:concurrent', 60_000, now)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await peekCounter(t.db, 'c:concurrent', 60_000, now)).count).toBe(25);
    expect((await hitCounter(t.db, 'c:concurrent', 60_000, now + 60_000)).count).toBe(1);
  });
});

describe('a request budget', () => {
  it('lets the limit through, then refuses with the seconds left in the window', async () => {
    const start = 1_800_000_010_000;
    for (let i = 0; i < 3; i++) await spendBudget(t.db, 'b', 'client-1', 3, 60_000, start);
    const err = await refusal(spendBudget(t.db, 'b', 'client-1', 3, 60_000, start + 15_000));
    expect(err).toBeInstanceOf(RateLimited);
    expect(err!.retryAfterSeconds).toBe(Math.ceil(((Math.floor(start / 60_000) + 1) * 60_000 - (start + 15_000)) / 1000));
    // Another client has its own budget.
    await spendBudget(t.db, 'b', 'client-2', 3, 60_000, start + 15_000);
  });
});

describe('sign-in backoff', () => {
  const attempt = { email: 'Victim@Example.com', address: '203.0.113.7' };

  it('allows five failures, then makes the address wait 1 s, 2 s, 4 s … on that account', async () => {
    let now = 1_800_000_100_000;
    for (let i = 0; i < 5; i++) {
      await assertSignInAllowed(t.db, attempt, now);
      await recordSignInFailure(t.db, attempt, now);
      now += 100;
    }
    expect((await refusal(assertSignInAllowed(t.db, attempt, now)))?.retryAfterSeconds).toBe(1);
    now += 1000;
    await assertSignInAllowed(t.db, attempt, now);
    await recordSignInFailure(t.db, attempt, now);
    expect((await refusal(assertSignInAllowed(t.db, attempt, now + 500)))?.retryAfterSeconds).toBe(2);
    // The same account from another address is not slowed down by this one.
    await assertSignInAllowed(t.db, { ...attempt, address: '198.51.100.1' }, now + 500);
    // The email is matched case-insensitively.
    await expect(assertSignInAllowed(t.db, { ...attempt, email: 'victim@example.com' }, now + 500)).rejects.toBeInstanceOf(RateLimited);
  });

  it('a right password ends the backoff', async () => {
    const now = 1_800_000_200_000;
    const a = { email: 'someone@example.com', address: '203.0.113.9' };
    for (let i = 0; i < 6; i++) await recordSignInFailure(t.db, a, now);
    await expect(assertSignInAllowed(t.db, a, now + 10)).rejects.toBeInstanceOf(RateLimited);
    await recordSignInSuccess(t.db, a);
    await assertSignInAllowed(t.db, a, now + 10);
  });

  it('is never a lockout: a patient owner gets in within a few minutes even under attack', async () => {
    const now = 1_800_000_300_000;
    const a = { email: 'target@example.com', address: '192.0.2.50' };
    for (let i = 0; i < 40; i++) await recordSignInFailure(t.db, a, now);
    const wait = (await refusal(assertSignInAllowed(t.db, a, now)))!.retryAfterSeconds;
    expect(wait).toBeLessThanOrEqual(300);
    await assertSignInAllowed(t.db, a, now + wait * 1000);
  });

  it('stops an address that fails on many accounts for the rest of its window', async () => {
    const now = 1_800_000_400_000;
    for (let i = 0; i < 30; i++) await recordSignInFailure(t.db, { email: `spray-${i}@example.com`, address: '192.0.2.99' }, now);
    const err = await refusal(assertSignInAllowed(t.db, { email: 'fresh@example.com', address: '192.0.2.99' }, now));
    expect(err?.message).toMatch(/network/);
  });
});
