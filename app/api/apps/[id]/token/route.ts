import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { fetchTokenForApp } from '@/lib/token-tool/fetch-token';
import { fetchTokenSchema } from '@/lib/token-tool/schemas';

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, fetchTokenSchema);
  return Response.json(await fetchTokenForApp(db(), idp(), user, params.id, input), { headers: { 'cache-control': 'no-store' } });
});
