import { rejectSchema } from '@/lib/api-v1/schemas';
import { jsonBody, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { idp } from '@/lib/idp';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';

/** `{ "reason": "…" }` (required: the app's owner sees it). */
export const POST = v1Route<{ id: string }>('/api/v1/subscriptions/[id]/reject', 'POST', async ({ caller, params, body }) => {
  const { reason } = jsonBody(body, rejectSchema);
  return Response.json(await decideSubscription(db(), idp(), caller.user, params.id, { approve: false, reason }));
});
