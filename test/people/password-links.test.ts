import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/idp/embedded';
import { changeOwnPassword, createIdpPerson, setIdpPersonDisabled } from '@/lib/people/manage-people';
import { createPasswordLink, setPasswordWithLink } from '@/lib/people/password-links';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Lanyard ID accounts: set-password links work once, for a day, and only the
// hash of their token is kept; disabling an account ends its sessions.

let t: TestDb;
const admin = { id: 'admin-1', email: 'admin@example.com' };
const options = { adminGroup: 'lanyard-admins', portalUrl: 'https://portal.example.com' };

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('set-password links', () => {
  it('set the password once; a second use, or a stale link, is refused', async () => {
    const created = await createIdpPerson(t.db, admin, { email: 'new@example.com', name: 'New', admin: true }, options);
    expect(created.setPasswordUrl).toMatch(/^https:\/\/portal\.example\.com\/account\/set-password\?token=/);
    const token = tokenOf(created.setPasswordUrl);
    // Only a hash of the token is stored.
    expect(JSON.stringify(await t.db.idpPasswordLink.findMany())).not.toContain(token);
    const person = await t.db.idpUser.findUniqueOrThrow({ where: { email: 'new@example.com' } });
    expect(person.passwordHash).toBe('');
    expect(JSON.parse(person.groups)).toEqual(['lanyard-admins']);

    await setPasswordWithLink(t.db, token, 'correct horse battery');
    const after = await t.db.idpUser.findUniqueOrThrow({ where: { id: person.id } });
    expect(await verifyPassword('correct horse battery', after.passwordHash)).toBe(true);
    await expect(setPasswordWithLink(t.db, token, 'another password!')).rejects.toMatchObject({ code: 'invalid' });

    const stale = await createPasswordLink(t.db, person.id, options.portalUrl, new Date(Date.now() - 25 * 3600_000));
    await expect(setPasswordWithLink(t.db, tokenOf(stale.url), 'another password!')).rejects.toMatchObject({ code: 'invalid' });
    await expect(setPasswordWithLink(t.db, 'x'.repeat(43), 'another password!')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a person changes their own password only with the current one', async () => {
    const viewer = { id: 'u', email: 'new@example.com' };
    await expect(changeOwnPassword(t.db, viewer, { current: 'wrong', password: 'brand new password' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await changeOwnPassword(t.db, viewer, { current: 'correct horse battery', password: 'brand new password' });
    const row = await t.db.idpUser.findUniqueOrThrow({ where: { email: 'new@example.com' } });
    expect(await verifyPassword('brand new password', row.passwordHash)).toBe(true);
  });

  it('disabling ends the person’s portal sessions and IdP sessions, and an admin cannot disable themself', async () => {
    const person = await t.db.idpUser.findUniqueOrThrow({ where: { email: 'new@example.com' } });
    const user = await t.db.user.create({ data: { email: person.email } });
    await t.db.session.create({ data: { tokenHash: 'h', userId: user.id, expires: new Date(Date.now() + 3600_000) } });
    await t.db.oidcPayload.create({ data: { model: 'Session', id: 's1', payload: JSON.stringify({ accountId: person.id, exp: 1 }) } });
    await setIdpPersonDisabled(t.db, admin, person.id, true);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.db.oidcPayload.count({ where: { model: 'Session' } })).toBe(0);
    await expect(setIdpPersonDisabled(t.db, { id: 'x', email: 'new@example.com' }, person.id, true)).rejects.toMatchObject({
      code: 'invalid',
    });
  });
});
