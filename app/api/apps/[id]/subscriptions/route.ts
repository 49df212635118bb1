import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { subscribeSchema } from '@/lib/subscriptions/schemas';
import { subscribe } from '@/lib/subscriptions/subscribe';

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const { apiProductId, planId } = await readBody(req, subscribeSchema);
  const sub = await subscribe(db(), idp(), user, params.id, apiProductId, planId);
  return Response.json(sub, { status: 201 });
});
