import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { tokenActionSchema } from '@/lib/token-tool/schemas';
import { introspectToken } from '@/lib/token-tool/token-actions';

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) =>
  Response.json(await introspectToken(db(), idp(), user, params.id, await readBody(req, tokenActionSchema)), {
    headers: { 'cache-control': 'no-store' },
  }),
);
