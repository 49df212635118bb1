import { db } from '@/lib/db';
import { appListQuery, listAdminApps } from '@/lib/admin/lists';
import { queryOf } from '@/lib/admin/pagination';
import { adminRoute } from '@/lib/admin/route';

/** ?q, ?owner, ?product, ?status, ?page, ?pageSize (25–50). */
export const GET = adminRoute(async ({ req }) => Response.json(await listAdminApps(db(), appListQuery.parse(queryOf(req)))));
