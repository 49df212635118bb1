import { db } from '@/lib/db';
import { auditCsvFileName, auditCsvStream } from '@/lib/audit/audit-csv';
import { auditFilterSchema } from '@/lib/audit/schemas';
import { adminRoute, methodNotAllowed } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';

/** The audit log as CSV, with the same filters as GET /api/admin/audit (no paging: every matching entry). */
export const GET = adminRoute(async ({ req }) => {
  const filter = readQuery(req, auditFilterSchema);
  return new Response(await auditCsvStream(db(), filter), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${auditCsvFileName()}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});

const readOnly = methodNotAllowed(['GET'], 'audit entries are append-only and cannot be changed or deleted');
export const POST = readOnly;
export const PUT = readOnly;
export const PATCH = readOnly;
export const DELETE = readOnly;
