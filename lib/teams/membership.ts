import type { Db } from '../db';

export type TeamRole = 'owner' | 'member';

/** The user's role in the team, or null when they are not in it. */
export async function teamRole(db: Db, teamId: string, userId: string): Promise<TeamRole | null> {
  const m = await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
  return (m?.role as TeamRole | undefined) ?? null;
}
