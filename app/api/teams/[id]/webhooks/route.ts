import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { createWebhookSchema } from '@/lib/notifications/schemas';
import { webhookSettings } from '@/lib/notifications/settings';
import { createWebhook, listWebhooks } from '@/lib/notifications/webhooks';

export const GET = authedRoute<{ id: string }>(async ({ user, params }) =>
  Response.json({ webhooks: await listWebhooks(db(), user, params.id) }),
);

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const created = await createWebhook(db(), user, params.id, await readBody(req, createWebhookSchema), webhookSettings());
  return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
});
