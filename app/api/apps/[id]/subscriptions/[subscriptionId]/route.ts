import { db } from '@/lib/db';
import { authedRoute, noContent } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { unsubscribe } from '@/lib/subscriptions/subscribe';

export const DELETE = authedRoute<{ id: string; subscriptionId: string }>(async ({ user, params }) => {
  await unsubscribe(db(), idp(), user, params.id, params.subscriptionId);
  return noContent();
});
