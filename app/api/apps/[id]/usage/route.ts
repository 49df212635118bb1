import { db } from '@/lib/db';
import { authedRoute, readQuery } from '@/lib/http/route';
import { appUsage } from '@/lib/usage/app-usage';
import { usageQuery } from '@/lib/usage/schemas';

/** The app's calls per product over ?range (1h, 24h, 7d, 30d), its plans and quota used. */
export const GET = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const { range } = readQuery(req, usageQuery);
  return Response.json(await appUsage(db(), user, params.id, range), { headers: { 'cache-control': 'no-store' } });
});
