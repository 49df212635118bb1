import { db } from '@/lib/db';
import { authedRoute, readQuery } from '@/lib/http/route';
import { appUsage } from '@/lib/usage/app-usage';
import { usageQuery } from '@/lib/usage/schemas';
import { appUsageCsv, usageCsvFileName } from '@/lib/usage/usage-csv';

/** The app's usage chart data as CSV, for ?range. */
export const GET = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const { range } = readQuery(req, usageQuery);
  const usage = await appUsage(db(), user, params.id, range);
  return new Response(appUsageCsv(usage), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${usageCsvFileName('app', range)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
