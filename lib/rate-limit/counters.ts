import 'server-only';
import type { Db } from '../db';

// Fixed-window counters in the database, so that every portal process counts
// together (several replicas behind a balancer share one PostgreSQL). One
// statement both creates and increments a counter, atomically on SQLite and
// on PostgreSQL: `INSERT … ON CONFLICT DO UPDATE … RETURNING` exists in both.

export interface Counter {
  /** Hits in the current window. */
  count: number;
  /** Epoch ms of the last hit in the current window (0 when there was none). */
  lastAt: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
}

const windowOf = (now: number, windowMs: number) => Math.floor(now / windowMs);

/** Counts one hit on `key` and returns the window's count, this hit included. */
export async function hitCounter(db: Db, key: string, windowMs: number, now = Date.now()): Promise<Counter> {
  const window = windowOf(now, windowMs);
  const resetAt = (window + 1) * windowMs;
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "RateLimitCounter" ("key", "window", "count", "lastAt", "resetAt")
    VALUES (${key}, ${window}, 1, ${BigInt(now)}, ${BigInt(resetAt)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."window" = excluded."window" THEN "RateLimitCounter"."count" + 1 ELSE 1 END,
      "window" = excluded."window",
      "lastAt" = excluded."lastAt",
      "resetAt" = excluded."resetAt"
    RETURNING "count"`;
  return { count: Number(rows[0]?.count ?? 1), lastAt: now, resetAt };
}

/** The current window's count without counting a hit. */
export async function peekCounter(db: Db, key: string, windowMs: number, now = Date.now()): Promise<Counter> {
  const window = windowOf(now, windowMs);
  const row = await db.rateLimitCounter.findUnique({ where: { key } });
  if (!row || row.window !== window) return { count: 0, lastAt: 0, resetAt: (window + 1) * windowMs };
  return { count: row.count, lastAt: Number(row.lastAt), resetAt: Number(row.resetAt) };
}

export async function clearCounter(db: Db, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key } });
}

/** Deletes counters whose window has ended (the periodic clean-up calls it). */
export async function deleteEndedCounters(db: Db, now = Date.now()): Promise<number> {
  const { count } = await db.rateLimitCounter.deleteMany({ where: { resetAt: { lt: BigInt(now) } } });
  return count;
}
