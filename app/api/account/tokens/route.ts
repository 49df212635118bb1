import { createAccessToken, listPersonalTokens } from '@/lib/access-tokens/tokens';
import { createTokenSchema } from '@/lib/access-tokens/schemas';
import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';

export const GET = authedRoute(async ({ user }) => Response.json({ tokens: await listPersonalTokens(db(), user) }));

/** 201 with the token itself: the only response that ever carries it. */
export const POST = authedRoute(async ({ user, req }) => {
  const input = await readBody(req, createTokenSchema);
  return Response.json(await createAccessToken(db(), user, 'personal', input), { status: 201, headers: { 'cache-control': 'no-store' } });
});
