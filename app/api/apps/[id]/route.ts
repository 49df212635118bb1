import { db } from '@/lib/db';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { deleteApplication, updateApplication } from '@/lib/apps/manage-app';
import { updateAppSchema } from '@/lib/apps/schemas';
import { authedRoute, noContent, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';

export const GET = authedRoute<{ id: string }>(async ({ user, params }) =>
  Response.json(await getApplicationDetail(db(), idp(), user, params.id)),
);

export const PATCH = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const changes = await readBody(req, updateAppSchema);
  await updateApplication(db(), idp(), user, params.id, changes);
  return Response.json(await getApplicationDetail(db(), idp(), user, params.id));
});

export const DELETE = authedRoute<{ id: string }>(async ({ user, params }) => {
  await deleteApplication(db(), idp(), user, params.id);
  return noContent();
});
