import 'server-only';
import { isPostgres, type Db } from '../db';
import { inProcessQueue, semaphore } from './local-queue';

// Named locks that hold across every portal process (docs/architecture.md,
// "Production topology"). Used where a read, an IdP call and a write must not
// interleave with another replica doing the same: one application's client
// scopes, one product id being published, one team's owners, reconcile.
//
// - PostgreSQL: a transaction-scoped advisory lock (pg_advisory_xact_lock) on
//   a 64-bit hash of the name, held by one pooled connection while `work`
//   runs on others, and released when that transaction ends, even if the
//   process dies. Callers in one process queue in memory first, so a busy key
//   never ties up more than one connection per process, and a semaphore keeps
//   the locks held at once well below the pool size.
// - SQLite: one process writes the file (docs/adr/0004-postgresql.md), so
//   the in-process queue is the whole lock.

const MAX_HELD = 8;
const limit = semaphore(MAX_HELD);

export interface LockOptions {
  /** How long `work` may hold the lock (and wait for it). Default 60 s. */
  timeoutMs?: number;
}

export async function withLock<T>(db: Db, name: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  return inProcessQueue(name, () => {
    if (!isPostgres(db)) return work();
    const timeout = options.timeoutMs ?? 60_000;
    return limit(() =>
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
          return work();
        },
        { timeout, maxWait: timeout },
      ),
    );
  });
}

/** Like withLock, but when another process holds the lock, returns `undefined` at once instead of waiting. */
export async function tryWithLock<T>(db: Db, name: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T | undefined> {
  if (!isPostgres(db)) return inProcessQueue(name, work);
  const timeout = options.timeoutMs ?? 60_000;
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ got: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${name}, 0)) AS got`;
      return row?.got ? work() : undefined;
    },
    { timeout, maxWait: timeout },
  );
}
