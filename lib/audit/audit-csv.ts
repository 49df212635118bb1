import type { Db } from '../db';
import { AUDIT_ORDER, auditWhere, toAuditRow, type AuditRow } from './list-audit';
import type { AuditFilter } from './schemas';

// The audit log as CSV, with the list's filters.

export const CSV_COLUMNS = ['time', 'actor', 'action', 'target_type', 'target_id', 'outcome', 'idp_request_id', 'detail'] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break,
 * quotes doubled. A cell a spreadsheet would run as a formula (starting with
 * = + - @, or a tab or carriage return that hides one) is prefixed with `'`
 * so that it opens as text.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvLine(e: AuditRow): string {
  return csvLine([e.at, e.actor, e.action, e.targetType, e.targetId, e.outcome, e.idpRequestId, e.detail]);
}

const BATCH = 500;

/**
 * The filtered log as CSV, newest first, read in batches so that a large
 * export never sits in memory whole. The first batch is read before the
 * stream is handed back, so a query that fails does so before the response's
 * 200 is sent, as a proper error.
 */
export async function auditCsvStream(db: Db, filter: AuditFilter): Promise<ReadableStream<Uint8Array>> {
  const where = auditWhere(filter);
  const encoder = new TextEncoder();
  const batch = (cursor?: string) =>
    db.auditEvent.findMany({ where, orderBy: AUDIT_ORDER, take: BATCH, ...(cursor && { cursor: { id: cursor }, skip: 1 }) });
  let rows = await batch();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine([...CSV_COLUMNS])));
        }
        if (rows.length) controller.enqueue(encoder.encode(rows.map((r) => auditCsvLine(toAuditRow(r))).join('')));
        if (rows.length < BATCH) return controller.close();
        rows = await batch(rows[rows.length - 1]!.id);
      } catch (err) {
        controller.error(err);
      }
    },
  });
}

export function auditCsvFileName(now = new Date()): string {
  return `lanyard-audit-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.csv`;
}
