import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvites, addMember, cancelInvite, createTeam, getTeam, listTeams, removeMember } from '@/lib/teams/manage-teams';
import { addPortalUser } from '../helpers/portal-fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Teams: who may see and change them, and what the audit log says of them.

let t: TestDb;
let owner: { id: string; email: string };
let member: { id: string; email: string };
let outsider: { id: string; email: string };

beforeAll(async () => {
  t = await createTestDb();
  owner = await addPortalUser(t.db, 'owner@example.com');
  member = await addPortalUser(t.db, 'member@example.com');
  outsider = await addPortalUser(t.db, 'outsider@example.com');
});
afterAll(() => t.cleanup());

describe('teams', () => {
  it('audits team.create with the id of the team it created, not its name', async () => {
    const team = await createTeam(t.db, owner, 'Payments squad');
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'team.create' } });
    expect(entry.targetId).toBe(team.id);
    expect(JSON.parse(entry.detail!)).toMatchObject({ name: 'Payments squad' });
  });

  it('lists a team for its members only; an outsider gets not_found for it', async () => {
    const team = await createTeam(t.db, owner, 'Maps');
    await addMember(t.db, owner, team.id, { email: member.email, role: 'member' });
    expect((await listTeams(t.db, member.id)).map((x) => x.name)).toContain('Maps');
    expect(await listTeams(t.db, outsider.id)).toEqual([]);
    await expect(getTeam(t.db, outsider, team.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps at least one owner', async () => {
    const team = await createTeam(t.db, owner, 'Solo');
    await expect(removeMember(t.db, owner, team.id, owner.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never reveals whether an email has an account: an unknown one is invited, and joins at first sign-in', async () => {
    const team = await createTeam(t.db, owner, 'Invites');
    // The same answer for a known and an unknown email.
    await expect(addMember(t.db, owner, team.id, { email: member.email, role: 'member' })).resolves.toBeUndefined();
    await expect(addMember(t.db, owner, team.id, { email: 'newcomer@example.com', role: 'owner' })).resolves.toBeUndefined();
    const detail = await getTeam(t.db, owner, team.id);
    expect(detail.members.map((m) => m.email)).toEqual([owner.email, member.email]);
    expect(detail.invited).toEqual([expect.objectContaining({ email: 'newcomer@example.com', role: 'owner' })]);
    const newcomer = await addPortalUser(t.db, 'newcomer@example.com');
    expect(await acceptInvites(t.db, newcomer)).toBe(1);
    const after = await getTeam(t.db, newcomer, team.id);
    expect(after.role).toBe('owner');
    expect(after.invited).toEqual([]);
  });

  it('lets owners cancel an invitation; others get not_found for the team', async () => {
    const team = await createTeam(t.db, owner, 'Cancel');
    await addMember(t.db, owner, team.id, { email: 'maybe@example.com', role: 'member' });
    await expect(cancelInvite(t.db, outsider, team.id, 'maybe@example.com')).rejects.toMatchObject({ code: 'not_found' });
    await cancelInvite(t.db, owner, team.id, 'maybe@example.com');
    expect((await getTeam(t.db, owner, team.id)).invited).toEqual([]);
  });

  it('two owners removing each other at once leave one owner', async () => {
    const team = await createTeam(t.db, owner, 'Duel');
    await addMember(t.db, owner, team.id, { email: member.email, role: 'owner' });
    const results = await Promise.allSettled([
      removeMember(t.db, owner, team.id, member.id),
      removeMember(t.db, member, team.id, owner.id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.db.membership.count({ where: { teamId: team.id, role: 'owner' } })).toBe(1);
  });
});
