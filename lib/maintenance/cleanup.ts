import 'server-only';
import type { Db } from '../db';
import { tryWithLock } from '../locks/with-lock';
import { deleteEndedCounters } from '../rate-limit/counters';

// Rows whose time is up, deleted in the background (every replica runs the
// timer, and whichever takes the lock first does the work):
// - the embedded IdP's expired codes, tokens, sessions and interactions
//   (reads already ignore them; this keeps the table from growing forever);
// - expired portal sessions;
// - rate-limit counters whose window has ended;
// - used and expired set-password links.

export interface CleanupResult {
  oidc: number;
  sessions: number;
  counters: number;
  passwordLinks: number;
}

export async function deleteExpiredRows(db: Db, now = new Date()): Promise<CleanupResult> {
  const [oidc, sessions, counters, passwordLinks] = await Promise.all([
    db.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } }).then((r) => r.count),
    db.session.deleteMany({ where: { expires: { lt: now } } }).then((r) => r.count),
    deleteEndedCounters(db, now.getTime()),
    db.idpPasswordLink.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] } }).then((r) => r.count),
  ]);
  return { oidc, sessions, counters, passwordLinks };
}

/** Starts the periodic clean-up; returns a function that stops it. */
export function startCleanup(db: () => Db, everyMs = 10 * 60_000): () => void {
  const run = () =>
    void tryWithLock(db(), 'cleanup', () => deleteExpiredRows(db())).catch((err: unknown) => {
      console.error('Clean-up of expired rows failed (it runs again later):', err instanceof Error ? err.message : err);
    });
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
