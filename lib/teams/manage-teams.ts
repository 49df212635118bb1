import { randomUUID } from 'node:crypto';
import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { conflict, forbidden, notFound } from '../errors';
import { withLock } from '../locks/with-lock';
import { teamRole, type TeamRole } from './membership';

// Teams own applications together: members see and use the team's apps,
// owners also manage members and delete apps. Someone outside a team gets
// 404 for everything about it.

export interface TeamSummary {
  id: string;
  name: string;
  role: TeamRole;
  members: number;
  apps: number;
}

export interface TeamDetail {
  id: string;
  name: string;
  role: TeamRole;
  members: { userId: string; email: string; name: string | null; role: TeamRole }[];
  /** People asked to join who have not signed in yet; they join at their first sign-in. */
  invited: { email: string; role: TeamRole; invitedAt: string }[];
  apps: { id: string; name: string }[];
}

export async function listTeams(db: Db, userId: string): Promise<TeamSummary[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { team: { include: { _count: { select: { memberships: true, apps: true } } } } },
    orderBy: { team: { name: 'asc' } },
  });
  return rows.map((m) => ({
    id: m.team.id,
    name: m.team.name,
    role: m.role as TeamRole,
    members: m.team._count.memberships,
    apps: m.team._count.apps,
  }));
}

export async function createTeam(db: Db, viewer: Viewer, name: string): Promise<{ id: string; name: string }> {
  // The id is chosen first, so that the audit entry names the team it created.
  const id = randomUUID();
  return audited(db, { actor: viewer, action: 'team.create', target: { type: 'team', id }, detail: { name } }, () =>
    db.team.create({ data: { id, name, memberships: { create: { userId: viewer.id, role: 'owner' } } }, select: { id: true, name: true } }),
  );
}

async function roleOrNotFound(db: Db, teamId: string, viewer: Viewer): Promise<TeamRole> {
  const role = await teamRole(db, teamId, viewer.id);
  if (!role) throw notFound('That team');
  return role;
}

async function ownerOrThrow(db: Db, teamId: string, viewer: Viewer) {
  if ((await roleOrNotFound(db, teamId, viewer)) !== 'owner') throw forbidden('Only team owners can do this');
}

export async function getTeam(db: Db, viewer: Viewer, teamId: string): Promise<TeamDetail> {
  const role = await roleOrNotFound(db, teamId, viewer);
  const team = await db.team.findUniqueOrThrow({
    where: { id: teamId },
    include: {
      memberships: { include: { user: true }, orderBy: { createdAt: 'asc' } },
      invites: { orderBy: { createdAt: 'asc' } },
      apps: { orderBy: { createdAt: 'desc' } },
    },
  });
  return {
    id: team.id,
    name: team.name,
    role,
    members: team.memberships.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role as TeamRole })),
    invited: team.invites.map((i) => ({ email: i.email, role: i.role as TeamRole, invitedAt: i.createdAt.toISOString() })),
    apps: team.apps.map((a) => ({ id: a.id, name: a.name })),
  };
}

/**
 * Adds a person by email: at once when they have signed in before, else as an
 * invitation that becomes a membership at their first sign-in. Either way the
 * answer is the same, so adding someone never reveals whether an email has an
 * account (the team's own list shows who is invited, to its members only).
 */
export async function addMember(db: Db, viewer: Viewer, teamId: string, input: { email: string; role: TeamRole }) {
  await ownerOrThrow(db, teamId, viewer);
  const user = await db.user.findUnique({ where: { email: input.email } });
  if (user && (await teamRole(db, teamId, user.id))) throw conflict(`${input.email} is already in the team`);
  await audited(db, { actor: viewer, action: 'team.member.add', target: { type: 'team', id: teamId }, detail: input }, async () => {
    if (user) await db.membership.create({ data: { teamId, userId: user.id, role: input.role } });
    else
      await db.teamInvite.upsert({
        where: { teamId_email: { teamId, email: input.email } },
        create: { teamId, email: input.email, role: input.role, invitedBy: viewer.id },
        update: { role: input.role },
      });
  });
}

export async function cancelInvite(db: Db, viewer: Viewer, teamId: string, email: string) {
  await ownerOrThrow(db, teamId, viewer);
  const { count } = await db.teamInvite.deleteMany({ where: { teamId, email: email.trim().toLowerCase() } });
  if (!count) throw notFound('That invitation');
  await audited(
    db,
    { actor: viewer, action: 'team.invite.cancel', target: { type: 'team', id: teamId }, detail: { email } },
    async () => undefined,
  );
}

/** At sign-in: the person joins every team that invited their email. */
export async function acceptInvites(db: Db, user: { id: string; email: string }): Promise<number> {
  const invites = await db.teamInvite.findMany({ where: { email: user.email.toLowerCase() } });
  for (const invite of invites) {
    await db.$transaction([
      db.membership.upsert({
        where: { teamId_userId: { teamId: invite.teamId, userId: user.id } },
        create: { teamId: invite.teamId, userId: user.id, role: invite.role },
        update: {},
      }),
      db.teamInvite.delete({ where: { teamId_email: { teamId: invite.teamId, email: invite.email } } }),
    ]);
    await audited(
      db,
      { actor: user, action: 'team.invite.accept', target: { type: 'team', id: invite.teamId }, detail: { role: invite.role } },
      async () => undefined,
    );
  }
  return invites.length;
}

/** Two owners removing each other at once must not leave the team with none: the check and the removal hold the team's lock. */
export async function removeMember(db: Db, viewer: Viewer, teamId: string, userId: string) {
  const selfLeaving = userId === viewer.id;
  if (!selfLeaving) await ownerOrThrow(db, teamId, viewer);
  await withLock(db, `team:${teamId}`, async () => {
    const target = await teamRole(db, teamId, userId);
    if (!target) throw notFound('That member');
    if (target === 'owner' && (await db.membership.count({ where: { teamId, role: 'owner' } })) === 1) {
      throw conflict('A team needs at least one owner: make someone else owner first');
    }
    await audited(db, { actor: viewer, action: 'team.member.remove', target: { type: 'team', id: teamId }, detail: { userId } }, () =>
      db.membership.delete({ where: { teamId_userId: { teamId, userId } } }),
    );
  });
}

export async function deleteTeam(db: Db, viewer: Viewer, teamId: string) {
  await ownerOrThrow(db, teamId, viewer);
  if ((await db.application.count({ where: { ownerTeamId: teamId } })) > 0) {
    throw conflict('Delete or move the team’s applications first');
  }
  await audited(db, { actor: viewer, action: 'team.delete', target: { type: 'team', id: teamId } }, () =>
    db.team.delete({ where: { id: teamId } }),
  );
}
