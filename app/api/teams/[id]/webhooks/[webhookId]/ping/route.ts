import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { ping } from '@/lib/notifications/webhooks';

export const POST = authedRoute<{ id: string; webhookId: string }>(async ({ user, params }) =>
  Response.json(await ping(db(), user, params.id, params.webhookId), { status: 201 }),
);
