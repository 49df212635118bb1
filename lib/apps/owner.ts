import type { Prisma } from '../generated/prisma/client';

// An application is owned by one user or one team; lists show and search it by that owner.

export const ownerLabel = (app: { ownerUser?: { email: string } | null; ownerTeam?: { name: string } | null }) =>
  app.ownerTeam ? `Team ${app.ownerTeam.name}` : (app.ownerUser?.email ?? 'unknown');

/** Apps whose owning user's email or owning team's name contains `owner`. */
export const ownerMatches = (owner: string): Prisma.ApplicationWhereInput => ({
  OR: [{ ownerUser: { is: { email: { contains: owner } } } }, { ownerTeam: { is: { name: { contains: owner } } } }],
});
