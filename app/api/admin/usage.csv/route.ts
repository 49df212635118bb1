import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';
import { adminUsage } from '@/lib/usage/admin-usage';
import { usageQuery } from '@/lib/usage/schemas';
import { adminUsageCsv, usageCsvFileName } from '@/lib/usage/usage-csv';

/** The admin usage page's data as CSV, for ?range. */
export const GET = adminRoute(async ({ req }) => {
  const { range } = readQuery(req, usageQuery);
  return new Response(adminUsageCsv(await adminUsage(db(), range)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${usageCsvFileName('portal', range)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
