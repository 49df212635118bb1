import { db } from '@/lib/db';
import { listAdminSubscriptions, subscriptionListQuery } from '@/lib/admin/lists';
import { queryOf } from '@/lib/admin/pagination';
import { adminRoute } from '@/lib/admin/route';

/** ?q, ?status, ?product, ?owner, ?page, ?pageSize (25–50). */
export const GET = adminRoute(async ({ req }) =>
  Response.json(await listAdminSubscriptions(db(), subscriptionListQuery.parse(queryOf(req)))),
);
