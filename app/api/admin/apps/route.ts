import { listAdminApps } from '@/lib/apps/list-all-apps';
import { appListQuery } from '@/lib/apps/schemas';
import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';

/** ?q, ?owner, ?product, ?status, ?page, ?pageSize (25–50). */
export const GET = adminRoute(async ({ req }) => Response.json(await listAdminApps(db(), readQuery(req, appListQuery))));
