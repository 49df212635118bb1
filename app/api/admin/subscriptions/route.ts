import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';
import { listAdminSubscriptions } from '@/lib/subscriptions/list-subscriptions';
import { subscriptionListQuery } from '@/lib/subscriptions/schemas';

/** ?q, ?status, ?product, ?owner, ?page, ?pageSize (25–50). */
export const GET = adminRoute(async ({ req }) => Response.json(await listAdminSubscriptions(db(), readQuery(req, subscriptionListQuery))));
