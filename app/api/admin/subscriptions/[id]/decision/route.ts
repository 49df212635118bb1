import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';
import { decisionSchema } from '@/lib/subscriptions/schemas';

/** Approve (grants the scope in the IdP) or reject (a reason is required) a pending subscription. */
export const POST = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, decisionSchema);
  return Response.json(await decideSubscription(db(), idp(), user, params.id, input));
});
