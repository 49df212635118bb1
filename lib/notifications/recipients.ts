import 'server-only';
import type { Db } from '../db';

// Who hears about what: the people of an application (its owner, or every
// member of its team), the portal's admins, and everyone whose apps use a product.

export async function peopleOfApp(db: Db, appId: string): Promise<{ userIds: string[]; teamId: string | null }> {
  const app = await db.application.findUnique({
    where: { id: appId },
    select: { ownerUserId: true, ownerTeamId: true, ownerTeam: { select: { memberships: { select: { userId: true } } } } },
  });
  if (!app) return { userIds: [], teamId: null };
  const userIds = app.ownerUserId ? [app.ownerUserId] : (app.ownerTeam?.memberships.map((m) => m.userId) ?? []);
  return { userIds, teamId: app.ownerTeamId };
}

export async function admins(db: Db): Promise<string[]> {
  return (await db.user.findMany({ where: { isAdmin: true }, select: { id: true } })).map((u) => u.id);
}

/** The people and teams of every app with an approved subscription to the product. */
export async function subscribersOf(db: Db, productId: string): Promise<{ userIds: string[]; teamIds: string[] }> {
  const subs = await db.subscription.findMany({
    where: { productId, status: 'approved' },
    select: {
      application: {
        select: { ownerUserId: true, ownerTeamId: true, ownerTeam: { select: { memberships: { select: { userId: true } } } } },
      },
    },
  });
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const { application: a } of subs) {
    if (a.ownerUserId) userIds.add(a.ownerUserId);
    for (const m of a.ownerTeam?.memberships ?? []) userIds.add(m.userId);
    if (a.ownerTeamId) teamIds.add(a.ownerTeamId);
  }
  return { userIds: [...userIds], teamIds: [...teamIds] };
}
