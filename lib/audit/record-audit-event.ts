import 'server-only';
import type { Db } from '../db';

// The audit log is append-only: this is the only function that writes it, and
// nothing in the app updates or deletes a row.

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditActor {
  id?: string | null;
  email: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  idpRequestId?: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, email: 'system' };

export async function recordAuditEvent(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actor.id ?? null,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      outcome: entry.outcome,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      idpRequestId: entry.idpRequestId ?? null,
    },
  });
}
