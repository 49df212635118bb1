import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { adminRoute } from '@/lib/http/admin-route';
import { readBody } from '@/lib/http/route';
import { assertEmbeddedIdp } from '@/lib/people/embedded-only';
import { createIdpPerson, listIdpPeople } from '@/lib/people/manage-people';
import { createPersonSchema } from '@/lib/people/schemas';

export const GET = adminRoute(async () => {
  assertEmbeddedIdp();
  return Response.json(await listIdpPeople(db(), env().LANYARD_ADMIN_GROUP));
});

/** 201 with the one-time set-password link: the only response that carries it. */
export const POST = adminRoute(async ({ user, req }) => {
  assertEmbeddedIdp();
  const input = await readBody(req, createPersonSchema);
  const created = await createIdpPerson(db(), user, input, { adminGroup: env().LANYARD_ADMIN_GROUP, portalUrl: env().LANYARD_URL });
  return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
});
