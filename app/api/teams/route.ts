import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { createTeam, listTeams } from '@/lib/teams/manage-teams';
import { createTeamSchema } from '@/lib/teams/schemas';

export const GET = authedRoute(async ({ user }) => Response.json(await listTeams(db(), user.id)));

export const POST = authedRoute(async ({ user, req }) => {
  const { name } = await readBody(req, createTeamSchema);
  const team = await createTeam(db(), user, name);
  return Response.json({ id: team.id, name: team.name }, { status: 201 });
});
