import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { rotateSecret } from '@/lib/apps/secrets';

/** Rotation: a new secret, shown once; the old one keeps working until retired. */
export const POST = authedRoute<{ id: string }>(async ({ user, params }) => {
  const rotated = await rotateSecret(db(), idp(), user, params.id);
  return Response.json(rotated, { status: 201, headers: { 'cache-control': 'no-store' } });
});
