import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../apps/access';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { conflict, invalid, notFound } from '../errors';
import { hashPassword, verifyPassword } from '../idp/embedded';
import { createPasswordLink } from './password-links';
import type { CreatePersonInput } from './schemas';

// The embedded IdP's directory, managed by portal admins (docs/security.md,
// "Production mode"): add a person (they set their own password through a
// one-time link), disable or enable them, and send a new link. People change
// their own password on their account page.

export interface IdpPersonRow {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  disabled: boolean;
  passwordSet: boolean;
  createdAt: string;
}

const parseGroups = (raw: string) => {
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
};

export async function listIdpPeople(db: Db, adminGroup: string): Promise<IdpPersonRow[]> {
  const rows = await db.idpUser.findMany({ orderBy: { email: 'asc' }, take: 500 });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    admin: parseGroups(r.groups).includes(adminGroup),
    disabled: !!r.disabledAt,
    passwordSet: !!r.passwordHash,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Adds a person without a password; the answer carries the one-time link that lets them set one (shown once). */
export async function createIdpPerson(db: Db, actor: Viewer, input: CreatePersonInput, options: { adminGroup: string; portalUrl: string }) {
  if (await db.idpUser.findUnique({ where: { email: input.email } })) {
    throw conflict(`${input.email} already has a Lanyard ID account`);
  }
  const id = randomUUID();
  const groups = input.admin ? [options.adminGroup] : [];
  return audited(
    db,
    { actor, action: 'idp.person.create', target: { type: 'idp_user', id }, detail: { email: input.email, admin: input.admin } },
    async () => {
      await db.idpUser.create({ data: { id, email: input.email, name: input.name, passwordHash: '', groups: JSON.stringify(groups) } });
      const link = await createPasswordLink(db, id, options.portalUrl);
      return { id, email: input.email, setPasswordUrl: link.url, expiresAt: link.expiresAt.toISOString() };
    },
  );
}

/**
 * Disables (or enables) a person. Disabling ends their portal sessions and
 * their IdP sessions and grants at once: they are signed out everywhere and
 * cannot sign in again.
 */
export async function setIdpPersonDisabled(db: Db, actor: Viewer, personId: string, disabled: boolean): Promise<void> {
  const person = await db.idpUser.findUnique({ where: { id: personId } });
  if (!person) throw notFound('That person');
  if (disabled && actor.email === person.email) throw invalid('You cannot disable your own account');
  await audited(
    db,
    {
      actor,
      action: disabled ? 'idp.person.disable' : 'idp.person.enable',
      target: { type: 'idp_user', id: personId },
      detail: { email: person.email },
    },
    async () => {
      await db.idpUser.update({ where: { id: personId }, data: { disabledAt: disabled ? new Date() : null } });
      if (!disabled) return;
      await db.session.deleteMany({ where: { user: { email: person.email } } });
      // The IdP's own sessions and grants of this account (oidc-provider keeps accountId in their payload).
      const marker = JSON.stringify({ accountId: person.id }).slice(1, -1);
      await db.oidcPayload.deleteMany({ where: { model: { in: ['Session', 'Grant', 'RefreshToken'] }, payload: { contains: marker } } });
    },
  );
}

export async function newPasswordLink(db: Db, actor: Viewer, personId: string, portalUrl: string) {
  const person = await db.idpUser.findUnique({ where: { id: personId } });
  if (!person) throw notFound('That person');
  if (person.disabledAt) throw invalid('Enable the account first');
  return audited(
    db,
    { actor, action: 'idp.person.password_link', target: { type: 'idp_user', id: personId }, detail: { email: person.email } },
    async () => {
      const link = await createPasswordLink(db, personId, portalUrl);
      return { setPasswordUrl: link.url, expiresAt: link.expiresAt.toISOString() };
    },
  );
}

/** A signed-in person changes their own password; the current one must be right. */
export async function changeOwnPassword(db: Db, viewer: Viewer, input: { current: string; password: string }): Promise<void> {
  const person = await db.idpUser.findUnique({ where: { email: viewer.email } });
  if (!person || person.disabledAt) throw notFound('Your Lanyard ID account');
  if (!person.passwordHash || !(await verifyPassword(input.current, person.passwordHash))) {
    throw invalid('That is not your current password', { current: 'That is not your current password' });
  }
  await audited(db, { actor: viewer, action: 'idp.person.password_change', target: { type: 'idp_user', id: person.id } }, async () => {
    await db.idpUser.update({ where: { id: person.id }, data: { passwordHash: await hashPassword(input.password) } });
  });
}
