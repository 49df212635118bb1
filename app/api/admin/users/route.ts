import { db } from '@/lib/db';
import { listAdminUsers, userListQuery } from '@/lib/admin/lists';
import { queryOf } from '@/lib/admin/pagination';
import { adminRoute } from '@/lib/admin/route';

/** ?q, ?role (admin | consumer), ?page, ?pageSize (25–50). */
export const GET = adminRoute(async ({ req }) => Response.json(await listAdminUsers(db(), userListQuery.parse(queryOf(req)))));
