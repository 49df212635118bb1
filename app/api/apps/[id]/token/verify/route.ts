import { db } from '@/lib/db';
import { findAccessibleApp } from '@/lib/apps/access';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { tokenActionSchema } from '@/lib/token-tool/schemas';
import { verifyToken } from '@/lib/token-tool/token-actions';

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  await findAccessibleApp(db(), user, params.id);
  const { token } = await readBody(req, tokenActionSchema);
  return Response.json(await verifyToken(idp(), token));
});
