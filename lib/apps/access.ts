import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { forbidden, notFound } from '../errors';
import { teamRole } from '../teams/membership';

// Who may see and change an application. A user reaches the apps they own and
// their teams' apps; anything else answers 404 (not 403), so an app id in a
// URL never reveals that the app exists.

export interface Viewer {
  id: string;
  email: string;
}

export function visibleTo(userId: string): Prisma.ApplicationWhereInput {
  return { OR: [{ ownerUserId: userId }, { ownerTeam: { memberships: { some: { userId } } } }] };
}

export async function findAccessibleApp(db: Db, viewer: Viewer, appId: string) {
  const app = await db.application.findFirst({ where: { id: appId, ...visibleTo(viewer.id) } });
  if (!app) throw notFound('That application');
  return app;
}

/** Deleting takes ownership: the owning user, or an owner of the owning team. */
export async function assertCanDelete(db: Db, viewer: Viewer, app: { ownerUserId: string | null; ownerTeamId: string | null }) {
  if (app.ownerUserId === viewer.id) return;
  if (app.ownerTeamId && (await teamRole(db, app.ownerTeamId, viewer.id)) === 'owner') return;
  throw forbidden('Only an owner of the team can delete its applications');
}
