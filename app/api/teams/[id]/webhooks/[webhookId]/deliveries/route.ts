import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { listDeliveries } from '@/lib/notifications/webhooks';

export const GET = authedRoute<{ id: string; webhookId: string }>(async ({ user, params }) =>
  Response.json({ deliveries: await listDeliveries(db(), user, params.id, params.webhookId) }),
);
