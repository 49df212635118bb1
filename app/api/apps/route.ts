import { db } from '@/lib/db';
import { createApplication } from '@/lib/apps/create-app';
import { listApplications } from '@/lib/apps/list-apps';
import { createAppSchema, myAppListQuery } from '@/lib/apps/schemas';
import { authedRoute, readBody, readQuery } from '@/lib/http/route';
import { idp } from '@/lib/idp';

/** ?q, ?page, ?pageSize (25–50): one page of the caller's apps, with the total. */
export const GET = authedRoute(async ({ user, req }) =>
  Response.json(await listApplications(db(), user.id, readQuery(req, myAppListQuery))),
);

/** 201 with the client secret: the only response that ever carries it. */
export const POST = authedRoute(async ({ user, req }) => {
  const input = await readBody(req, createAppSchema);
  const created = await createApplication(db(), idp(), user, input);
  return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
});
