import { db } from '@/lib/db';
import { authedRoute, noContent } from '@/lib/http/route';
import { cancelInvite } from '@/lib/teams/manage-teams';

export const DELETE = authedRoute<{ id: string; email: string }>(async ({ user, params }) => {
  await cancelInvite(db(), user, params.id, params.email);
  return noContent();
});
