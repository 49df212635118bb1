import { db } from '@/lib/db';
import { authedRoute, noContent } from '@/lib/http/route';
import { deleteTeam, getTeam } from '@/lib/teams/manage-teams';

export const GET = authedRoute<{ id: string }>(async ({ user, params }) => Response.json(await getTeam(db(), user, params.id)));

export const DELETE = authedRoute<{ id: string }>(async ({ user, params }) => {
  await deleteTeam(db(), user, params.id);
  return noContent();
});
