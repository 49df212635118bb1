import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';
import { listAdminUsers } from '@/lib/users/list-users';
import { userListQuery } from '@/lib/users/schemas';

/** ?q, ?role (admin | consumer), ?page, ?pageSize (25–50). */
export const GET = adminRoute(async ({ req }) => Response.json(await listAdminUsers(db(), readQuery(req, userListQuery))));
