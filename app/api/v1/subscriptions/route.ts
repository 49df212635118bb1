import { listV1Subscriptions } from '@/lib/api-v1/admin';
import { subscriptionsQuery } from '@/lib/api-v1/schemas';
import { v1Query, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';

/** ?status=pending|approved|rejected, ?cursor, ?limit. */
export const GET = v1Route('/api/v1/subscriptions', 'GET', async ({ req }) =>
  Response.json(await listV1Subscriptions(db(), v1Query(req, subscriptionsQuery))),
);
