import { db } from '@/lib/db';
import { listAuditEvents } from '@/lib/audit/list-audit';
import { auditListQuery } from '@/lib/audit/schemas';
import { adminRoute, methodNotAllowed } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';

/** ?action (exact, or `family.*`), ?actor, ?outcome, ?target, ?from, ?to, ?page, ?pageSize. */
export const GET = adminRoute(async ({ req }) => Response.json(await listAuditEvents(db(), readQuery(req, auditListQuery))));

// The audit log is append-only: no route changes or removes an entry.
const readOnly = methodNotAllowed(['GET'], 'audit entries are append-only and cannot be changed or deleted');
export const POST = readOnly;
export const PUT = readOnly;
export const PATCH = readOnly;
export const DELETE = readOnly;
