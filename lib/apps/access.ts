import type { Db } from '../db';
import type { Placeholder } from '../db-sql';
import type { Prisma } from '../generated/prisma/client';
import { forbidden, notFound } from '../errors';
import { teamRole } from '../teams/membership';

// Who may see and change an application (README, "Team roles"). A user
// reaches the apps they own and their teams' apps; anything else answers 404
// (not 403), so an app id in a URL never reveals that the app exists.
//
// - The owning user, and the owners of the owning team, manage an app: its
//   name, credentials (rotate, retire), subscriptions and deletion.
// - Members of the owning team view it and use it: its credentials page, the
//   token tool, try-it.

export interface Viewer {
  id: string;
  email: string;
}

export function visibleTo(userId: string): Prisma.ApplicationWhereInput {
  return { OR: [{ ownerUserId: userId }, { ownerTeam: { memberships: { some: { userId } } } }] };
}

/**
 * The same apps as visibleTo, for lists: the user's teams are read first, so
 * the filter is two indexed lookups (owner, or one of these teams). Prisma
 * writes visibleTo's relation filter as a subquery per row, and the database
 * then walks every application to answer a page.
 */
export async function reachableApps(db: Db, userId: string): Promise<Prisma.ApplicationWhereInput> {
  const teams = await db.membership.findMany({ where: { userId }, select: { teamId: true } });
  if (teams.length === 0) return { ownerUserId: userId };
  return { OR: [{ ownerUserId: userId }, { ownerTeamId: { in: teams.map((t) => t.teamId) } }] };
}

/**
 * reachableApps in SQL, over "Application" a, for the reads that go to the
 * driver (lib/db-sql.ts); the user's id is value `i`. The teams' subquery is
 * uncorrelated: the database reads the user's memberships once.
 */
export const reachableSql = (p: Placeholder, i: number) =>
  `(a."ownerUserId" = ${p(i)} OR a."ownerTeamId" IN (SELECT m."teamId" FROM "Membership" m WHERE m."userId" = ${p(i)}))`;

export async function findAccessibleApp(db: Db, viewer: Viewer, appId: string) {
  const app = await db.application.findFirst({ where: { id: appId, ...visibleTo(viewer.id) } });
  if (!app) throw notFound('That application');
  return app;
}

type Owned = { ownerUserId: string | null; ownerTeamId: string | null };

/** The owning user, or an owner of the owning team. */
export async function canManage(db: Db, viewer: Viewer, app: Owned): Promise<boolean> {
  if (app.ownerUserId === viewer.id) return true;
  return !!app.ownerTeamId && (await teamRole(db, app.ownerTeamId, viewer.id)) === 'owner';
}

/** The app, when the viewer may manage it; 404 when they cannot see it, 403 when they only use it. */
export async function findManageableApp(db: Db, viewer: Viewer, appId: string, doing: string) {
  const app = await findAccessibleApp(db, viewer, appId);
  if (!(await canManage(db, viewer, app)))
    throw forbidden(`Only an owner of the team can ${doing}; members can view and use the team’s applications`);
  return app;
}
