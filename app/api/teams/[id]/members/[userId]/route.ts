import { db } from '@/lib/db';
import { authedRoute, noContent } from '@/lib/http/route';
import { removeMember } from '@/lib/teams/manage-teams';

export const DELETE = authedRoute<{ id: string; userId: string }>(async ({ user, params }) => {
  await removeMember(db(), user, params.id, params.userId);
  return noContent();
});
