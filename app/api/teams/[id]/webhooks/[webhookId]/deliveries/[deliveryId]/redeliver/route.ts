import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { redeliver } from '@/lib/notifications/webhooks';

export const POST = authedRoute<{ id: string; webhookId: string; deliveryId: string }>(async ({ user, params }) =>
  Response.json(await redeliver(db(), user, params.id, params.webhookId, params.deliveryId), { status: 201 }),
);
