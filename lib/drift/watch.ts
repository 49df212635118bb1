import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { IdpAdapter } from '../idp/types';
import { tryWithLock } from '../locks/with-lock';
import { driftFound } from '../notifications/announce';
import { computeDrift, type DriftReport } from './report';

// The drift watch: every so often (LANYARD_DRIFT_CHECK_MINUTES), one replica
// computes the drift report and tells the admins when the portal and the IdP
// disagree. The same disagreement is announced once: what was announced is
// remembered (as a fingerprint of the report's findings) in JobState, and a
// clean report forgets it, so drift that comes back is announced again.

const STATE = 'drift-watch';

/** What the report found, independent of when it was checked. */
export function driftFingerprint(r: DriftReport): string {
  const findings = [
    r.orphanClients.map((c) => `orphan:${c.clientId}`),
    r.missingClients.map((c) => `missing:${c.appId}`),
    r.scopeDrift.map((d) => `scopes:${d.appId}:-${d.missing.join(',')}:+${d.extra.join(',')}`),
    r.productsMissingInIdp.map((p) => `idp-missing:${p.apiProductId}`),
    r.productsMissingInPortal.map((p) => `portal-missing:${p.apiProductId}`),
    r.productScopeStale.map((p) => `stale:${p.apiProductId}:${p.idpScope}`),
  ]
    .flat()
    .sort();
  return createHash('sha256').update(findings.join('\n')).digest('base64url');
}

/** One check; true when it announced drift. */
export async function watchDrift(db: Db, idp: IdpAdapter): Promise<boolean> {
  const report = await computeDrift(db, idp);
  const fingerprint = report.clean ? '' : driftFingerprint(report);
  const last = await db.jobState.findUnique({ where: { name: STATE } });
  if ((last?.value ?? '') === fingerprint) return false;
  await db.jobState.upsert({ where: { name: STATE }, create: { name: STATE, value: fingerprint }, update: { value: fingerprint } });
  if (report.clean) return false;
  await driftFound(db, report.issues);
  return true;
}

/** Starts the periodic watch (0 minutes: off); returns a function that stops it. */
export function startDriftWatch(db: () => Db, idp: () => IdpAdapter, everyMinutes: number): () => void {
  if (everyMinutes <= 0) return () => undefined;
  const run = () =>
    void tryWithLock(db(), STATE, () => watchDrift(db(), idp())).catch((err: unknown) => {
      console.error('The drift check failed (it runs again later):', err instanceof Error ? err.message : err);
    });
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMinutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
