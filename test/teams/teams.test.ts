import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTeam, getTeam, listTeams, removeMember } from '@/lib/teams/manage-teams';
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
});
