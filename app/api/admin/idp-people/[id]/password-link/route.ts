import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { adminRoute } from '@/lib/http/admin-route';
import { assertEmbeddedIdp } from '@/lib/people/embedded-only';
import { newPasswordLink } from '@/lib/people/manage-people';

/** A new one-time link to set the password (a reset). Shown once. */
export const POST = adminRoute<{ id: string }>(async ({ user, params }) => {
  assertEmbeddedIdp();
  return Response.json(await newPasswordLink(db(), user, params.id, env().LANYARD_URL), {
    status: 201,
    headers: { 'cache-control': 'no-store' },
  });
});
