import { db } from '@/lib/db';
import { authedRoute, noContent, readBody } from '@/lib/http/route';
import { updateWebhookSchema } from '@/lib/notifications/schemas';
import { deleteWebhook, setWebhookActive } from '@/lib/notifications/webhooks';

type Params = { id: string; webhookId: string };

export const PATCH = authedRoute<Params>(async ({ user, params, req }) => {
  const { active } = await readBody(req, updateWebhookSchema);
  await setWebhookActive(db(), user, params.id, params.webhookId, active);
  return noContent();
});

export const DELETE = authedRoute<Params>(async ({ user, params }) => {
  await deleteWebhook(db(), user, params.id, params.webhookId);
  return noContent();
});
