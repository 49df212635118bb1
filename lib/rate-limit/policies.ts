import 'server-only';
import type { Db } from '../db';
import { clearCounter, hitCounter, peekCounter } from './counters';
import { RateLimited, retryAfter } from './rate-limited';

// The limits Lanyard enforces, in one place (docs/architecture.md, "Rate
// limits"). All counters live in the database, so they hold across replicas.
//
// Sign-in is throttled with backoff, never locked out: a wrong password from
// one address slows that address down on that account (1 s, 2 s, 4 s … up to
// 5 minutes after the fifth failure); an address that fails on many accounts
// is stopped for the rest of its window; and an account attacked from many
// addresses slows down by at most a minute, so an attacker cannot keep its
// owner out for long.

const MINUTE = 60_000;

interface Backoff {
  name: string;
  windowMs: number;
  /** Failures allowed before the backoff starts. */
  free: number;
  maxDelayMs: number;
}

const SIGN_IN_ACCOUNT_FROM_ADDRESS: Backoff = { name: 'signin-account-address', windowMs: 15 * MINUTE, free: 5, maxDelayMs: 5 * MINUTE };
const SIGN_IN_ACCOUNT: Backoff = { name: 'signin-account', windowMs: 15 * MINUTE, free: 50, maxDelayMs: MINUTE };
const SIGN_IN_ADDRESS = { name: 'signin-address', windowMs: 10 * MINUTE, limit: 30 };

function backoffDelay(policy: Backoff, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxDelayMs, 1000 * 2 ** (failures - policy.free));
}

async function checkBackoff(db: Db, policy: Backoff, subject: string, now: number): Promise<number> {
  const c = await peekCounter(db, `${policy.name}:${subject}`, policy.windowMs, now);
  const wait = backoffDelay(policy, c.count) - (now - c.lastAt);
  return wait > 0 ? wait : 0;
}

export interface SignInAttempt {
  email: string;
  address: string;
}

const accountKey = (email: string) => email.trim().toLowerCase();

/** Before a password is checked (and before its scrypt is spent): throws RateLimited while the attempt must wait. */
export async function assertSignInAllowed(db: Db, attempt: SignInAttempt, now = Date.now()): Promise<void> {
  const account = accountKey(attempt.email);
  const address = await peekCounter(db, `${SIGN_IN_ADDRESS.name}:${attempt.address}`, SIGN_IN_ADDRESS.windowMs, now);
  if (address.count >= SIGN_IN_ADDRESS.limit) {
    throw new RateLimited('Too many failed sign-ins from your network. Try again later.', retryAfter(address.resetAt - now));
  }
  const wait = Math.max(
    await checkBackoff(db, SIGN_IN_ACCOUNT_FROM_ADDRESS, `${account}|${attempt.address}`, now),
    await checkBackoff(db, SIGN_IN_ACCOUNT, account, now),
  );
  if (wait > 0) throw new RateLimited('Too many failed sign-ins for this account. Wait a moment, then try again.', retryAfter(wait));
}

export async function recordSignInFailure(db: Db, attempt: SignInAttempt, now = Date.now()): Promise<void> {
  const account = accountKey(attempt.email);
  await hitCounter(db, `${SIGN_IN_ADDRESS.name}:${attempt.address}`, SIGN_IN_ADDRESS.windowMs, now);
  await hitCounter(db, `${SIGN_IN_ACCOUNT_FROM_ADDRESS.name}:${account}|${attempt.address}`, SIGN_IN_ACCOUNT_FROM_ADDRESS.windowMs, now);
  await hitCounter(db, `${SIGN_IN_ACCOUNT.name}:${account}`, SIGN_IN_ACCOUNT.windowMs, now);
}

/** A right password ends that address's backoff on the account. */
export async function recordSignInSuccess(db: Db, attempt: SignInAttempt): Promise<void> {
  await clearCounter(db, `${SIGN_IN_ACCOUNT_FROM_ADDRESS.name}:${accountKey(attempt.email)}|${attempt.address}`);
}

/** A plain request budget: `limit` requests per `windowMs` for one subject; throws RateLimited past it. */
export async function spendBudget(
  db: Db,
  name: string,
  subject: string,
  limit: number,
  windowMs = MINUTE,
  now = Date.now(),
): Promise<void> {
  const c = await hitCounter(db, `${name}:${subject}`, windowMs, now);
  if (c.count > limit)
    throw new RateLimited(`Too many requests: at most ${limit} per ${windowMs / 1000} s. Try again later.`, retryAfter(c.resetAt - now));
}

/** Refuses a subject that already failed `limit` times in the window (failures are counted with `countFailure`). */
export async function assertFailuresBelow(
  db: Db,
  name: string,
  subject: string,
  limit: number,
  windowMs = MINUTE,
  now = Date.now(),
): Promise<void> {
  const c = await peekCounter(db, `${name}:${subject}`, windowMs, now);
  if (c.count >= limit) throw new RateLimited('Too many failed attempts. Try again later.', retryAfter(c.resetAt - now));
}

export async function countFailure(db: Db, name: string, subject: string, windowMs = MINUTE, now = Date.now()): Promise<void> {
  await hitCounter(db, `${name}:${subject}`, windowMs, now);
}
