import { revokeAccessToken } from '@/lib/access-tokens/tokens';
import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';

/** Revokes one of your tokens at once. */
export const DELETE = authedRoute<{ id: string }>(async ({ user, params }) =>
  Response.json(await revokeAccessToken(db(), user, params.id)),
);
