import { db } from '@/lib/db';
import { authedRoute, noContent, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { changePlanSchema } from '@/lib/plans/schemas';
import { changePlan } from '@/lib/subscriptions/change-plan';
import { unsubscribe } from '@/lib/subscriptions/subscribe';

/** Moves the subscription to another plan of its product: at once, or asked for when the plan needs approval. */
export const PATCH = authedRoute<{ id: string; subscriptionId: string }>(async ({ user, params, req }) => {
  const { planId } = await readBody(req, changePlanSchema);
  return Response.json(await changePlan(db(), user, params.id, params.subscriptionId, planId));
});

export const DELETE = authedRoute<{ id: string; subscriptionId: string }>(async ({ user, params }) => {
  await unsubscribe(db(), idp(), user, params.id, params.subscriptionId);
  return noContent();
});
