import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { noContent } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { removeProductCall } from '@/lib/token-exchange/product-calls';

export const DELETE = adminRoute<{ id: string; callId: string }>(async ({ user, params }) => {
  await removeProductCall(db(), idp(), user, params.id, params.callId);
  return noContent();
});
