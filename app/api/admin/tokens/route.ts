import { createAccessToken, listServiceTokens } from '@/lib/access-tokens/tokens';
import { createTokenSchema } from '@/lib/access-tokens/schemas';
import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readBody } from '@/lib/http/route';

export const GET = adminRoute(async () => Response.json({ tokens: await listServiceTokens(db()) }));

/** A service token for CI, owned by the admin who creates it: it can do at most what that admin can. */
export const POST = adminRoute(async ({ user, req }) => {
  const input = await readBody(req, createTokenSchema);
  return Response.json(await createAccessToken(db(), user, 'service', input), { status: 201, headers: { 'cache-control': 'no-store' } });
});
