import { z } from 'zod';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { optionalText, pageSchema, skipFor, toPage, type Page } from './pagination';

// Reading the audit log (it is written only by lib/audit/): filtered by
// action, actor, outcome, target and time, paged, and exported as CSV with
// the same filters. Nothing here, or anywhere, updates or deletes an entry.

const day = /^\d{4}-\d{2}-\d{2}$/;
const instant = z
  .string()
  .trim()
  .refine(
    (v) => (day.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) : !Number.isNaN(Date.parse(v))),
    'must be a date such as 2026-11-23',
  );

const auditFilterFields = z.object({
  /** An exact action (`product.create`), or a family with a trailing `*` (`drift.*`). */
  action: optionalText(100),
  /** Part of the actor's email (or `system`, `spi-caller`, `reconcile-cli`). */
  actor: optionalText(200),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  /** The target's id exactly (an application id, a product id, …). */
  target: optionalText(300),
  /** Inclusive; a bare date is that day from 00:00 UTC. */
  from: instant.optional(),
  /** Inclusive; a bare date is that whole day (UTC). */
  to: instant.optional(),
});

const rangeInOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || startOf(f.from) <= endOf(f.to);
const rangeMessage = { path: ['to'], message: 'must not be before the start date' };

export const auditFilterSchema = auditFilterFields.refine(rangeInOrder, rangeMessage);
export const auditListQuery = auditFilterFields.extend(pageSchema.shape).refine(rangeInOrder, rangeMessage);

export type AuditFilter = z.infer<typeof auditFilterSchema>;

function startOf(value: string): Date {
  return new Date(day.test(value) ? `${value}T00:00:00.000Z` : value);
}
function endOf(value: string): Date {
  return new Date(day.test(value) ? `${value}T23:59:59.999Z` : value);
}

export function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (f.action) where.action = f.action.endsWith('*') ? { startsWith: f.action.slice(0, -1) } : f.action;
  if (f.actor) where.actorEmail = { contains: f.actor };
  if (f.outcome) where.outcome = f.outcome;
  if (f.target) where.targetId = f.target;
  if (f.from || f.to) where.at = { ...(f.from && { gte: startOf(f.from) }), ...(f.to && { lte: endOf(f.to) }) };
  return where;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  outcome: string;
  idpRequestId: string | null;
  detail: Record<string, unknown> | null;
}

type AuditRecord = Prisma.AuditEventGetPayload<object>;

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { text: raw };
  }
}

export function toAuditRow(e: AuditRecord): AuditRow {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorEmail,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    idpRequestId: e.idpRequestId,
    detail: parseDetail(e.detail),
  };
}

const ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: 'desc' }, { id: 'desc' }];

export async function listAuditEvents(db: Db, q: z.infer<typeof auditListQuery>): Promise<Page<AuditRow> & { actions: string[] }> {
  const where = auditWhere(q);
  const [total, rows, actions] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: ORDER, skip: skipFor(q), take: q.pageSize }),
    // GROUP BY in SQL (on the action index); Prisma's `distinct` would read every row.
    db.auditEvent.groupBy({ by: ['action'], orderBy: { action: 'asc' } }),
  ]);
  return { ...toPage(rows.map(toAuditRow), total, q), actions: actions.map((a) => a.action) };
}

// -------------------------------------------------------------------- CSV --

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

/** The filtered log as CSV, newest first, read in batches so that a large export never sits in memory whole. */
export function auditCsvStream(db: Db, filter: AuditFilter): ReadableStream<Uint8Array> {
  const where = auditWhere(filter);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine([...CSV_COLUMNS])));
        }
        const rows = await db.auditEvent.findMany({
          where,
          orderBy: ORDER,
          take: BATCH,
          ...(cursor && { cursor: { id: cursor }, skip: 1 }),
        });
        if (rows.length) controller.enqueue(encoder.encode(rows.map((r) => auditCsvLine(toAuditRow(r))).join('')));
        if (rows.length < BATCH) controller.close();
        else cursor = rows[rows.length - 1]!.id;
      } catch (err) {
        controller.error(err);
      }
    },
  });
}

export function auditCsvFileName(now = new Date()): string {
  return `lanyard-audit-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.csv`;
}
