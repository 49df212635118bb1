import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { invalid } from '../errors';
import { hashPassword } from '../idp/embedded';

// One-time links to set a password: for a new account (created by an admin or
// by `npm run admin:create`) or a reset an admin started. The link carries a
// 256-bit random token; only its SHA-256 is stored, it works once and for
// 24 hours, and using it ends any older link of that person.

export const LINK_LIFETIME_MS = 24 * 3600_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createPasswordLink(
  db: Db,
  userId: string,
  portalUrl: string,
  now = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
  await db.idpPasswordLink.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { url: `${portalUrl.replace(/\/$/, '')}/account/set-password?token=${token}`, expiresAt };
}

/** Sets the password a link was made for. The same answer for an unknown, used or expired link. */
export async function setPasswordWithLink(db: Db, token: string, password: string, now = new Date()): Promise<{ email: string }> {
  const link = await db.idpPasswordLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!link || link.usedAt || link.expiresAt <= now || link.user.disabledAt) {
    throw invalid('This link has expired or was already used. Ask a portal admin for a new one.', {
      token: 'Ask a portal admin for a new link',
    });
  }
  const passwordHash = await hashPassword(password);
  // Claimed with a condition, so a link raced twice sets one password.
  const { count } = await db.idpPasswordLink.updateMany({ where: { tokenHash: link.tokenHash, usedAt: null }, data: { usedAt: now } });
  if (!count)
    throw invalid('This link was already used. Ask a portal admin for a new one.', { token: 'Ask a portal admin for a new link' });
  await db.$transaction([
    db.idpUser.update({ where: { id: link.userId }, data: { passwordHash } }),
    db.idpPasswordLink.deleteMany({ where: { userId: link.userId, usedAt: null } }),
  ]);
  return { email: link.user.email };
}
