import { approveSchema } from '@/lib/api-v1/schemas';
import { jsonBody, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { idp } from '@/lib/idp';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';

/** Approves a pending subscription (or a requested plan change): the IdP grants the scope first. */
export const POST = v1Route<{ id: string }>('/api/v1/subscriptions/[id]/approve', 'POST', async ({ caller, params, body }) => {
  const { reason } = jsonBody(body, approveSchema);
  return Response.json(await decideSubscription(db(), idp(), caller.user, params.id, { approve: true, reason }));
});
