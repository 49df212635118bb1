import { db } from '@/lib/db';
import { auditListQuery, listAuditEvents } from '@/lib/admin/audit';
import { queryOf } from '@/lib/admin/pagination';
import { adminRoute, methodNotAllowed } from '@/lib/admin/route';

/** ?action (exact, or `family.*`), ?actor, ?outcome, ?target, ?from, ?to, ?page, ?pageSize. */
export const GET = adminRoute(async ({ req }) => Response.json(await listAuditEvents(db(), auditListQuery.parse(queryOf(req)))));

// The audit log is append-only: no route changes or removes an entry.
const readOnly = methodNotAllowed(['GET'], 'audit entries are append-only and cannot be changed or deleted');
export const POST = readOnly;
export const PUT = readOnly;
export const PATCH = readOnly;
export const DELETE = readOnly;
