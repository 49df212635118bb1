import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { refreshTokenSchema } from '@/lib/token-tool/schemas';
import { refreshUserToken } from '@/lib/token-tool/user-tokens';

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, refreshTokenSchema);
  return Response.json(await refreshUserToken(db(), idp(), user, params.id, input), { headers: { 'cache-control': 'no-store' } });
});
