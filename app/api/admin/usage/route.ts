import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';
import { adminUsage } from '@/lib/usage/admin-usage';
import { usageQuery } from '@/lib/usage/schemas';

/** Calls across the portal over ?range: errors over time, top products and top apps. */
export const GET = adminRoute(async ({ req }) => {
  const { range } = readQuery(req, usageQuery);
  return Response.json(await adminUsage(db(), range), { headers: { 'cache-control': 'no-store' } });
});
