import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { redeemCodeSchema } from '@/lib/token-tool/schemas';
import { redeemCode } from '@/lib/token-tool/user-tokens';

/** Redeems an authorization code the browser received for one of the user's web, spa or native apps. */
export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, redeemCodeSchema);
  return Response.json(await redeemCode(db(), idp(), user, params.id, input), { headers: { 'cache-control': 'no-store' } });
});
