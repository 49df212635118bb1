import { db } from '@/lib/db';
import { authedRoute, noContent } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { retireSecret } from '@/lib/apps/secrets';

export const DELETE = authedRoute<{ id: string; secretId: string }>(async ({ user, params }) => {
  await retireSecret(db(), idp(), user, params.id, params.secretId);
  return noContent();
});
