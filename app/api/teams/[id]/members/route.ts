import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { addMember, getTeam } from '@/lib/teams/manage-teams';
import { addMemberSchema } from '@/lib/teams/schemas';

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  await addMember(db(), user, params.id, await readBody(req, addMemberSchema));
  return Response.json(await getTeam(db(), user, params.id), { status: 201 });
});
