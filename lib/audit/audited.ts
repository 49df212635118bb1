import 'server-only';
import type { Db } from '../db';
import { isIdpError } from '../idp/errors';
import { recordAuditEvent, type AuditEntry } from './record-audit-event';

/**
 * Runs a change and writes its audit entry either way: `success`, or
 * `failure` with the reason and the IdP's request id when it gave one.
 */
export async function audited<T>(
  db: Db,
  entry: Omit<AuditEntry, 'outcome' | 'idpRequestId'>,
  change: () => Promise<T>,
  detailOf?: (result: T) => Record<string, unknown>,
): Promise<T> {
  try {
    const result = await change();
    await recordAuditEvent(db, { ...entry, outcome: 'success', detail: { ...entry.detail, ...detailOf?.(result) } });
    return result;
  } catch (err) {
    await recordAuditEvent(db, {
      ...entry,
      outcome: 'failure',
      detail: { ...entry.detail, error: err instanceof Error ? err.message : String(err) },
      idpRequestId: isIdpError(err) ? err.idpRequestId : undefined,
    }).catch(() => undefined);
    throw err;
  }
}
