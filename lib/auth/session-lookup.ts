import 'server-only';
import { createHash } from 'node:crypto';
import type { Session } from 'next-auth';
import type { Db } from '../db';
import { booleanColumn, dateColumn, nullableColumn, querySql } from '../db-sql';

// How a page or a route finds its signed-in user: the session cookie's
// SHA-256 looked up in the Session table, one indexed query. next-auth
// (lib/auth/options.ts) still signs people in and out and writes these rows;
// reading them goes straight to the table because getServerSession runs
// next-auth's whole request pipeline for it, which cost more than a small
// page's render (docs/architecture.md, "Catalog and lists at scale"). Every
// page and route makes this read, so it goes to the driver (lib/db-sql.ts):
// through Prisma it was two queries and about 1 ms of the request thread,
// through the driver it is one join and about 0.05 ms
// (docs/adr/0013-hot-reads-through-the-driver.md).

export const SESSION_MAX_AGE_S = 8 * 3600;
/** How often a session in use has its expiry pushed out again (next-auth's `updateAge`). */
export const SESSION_UPDATE_AGE_S = 15 * 60;

export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The cookie next-auth sets: __Host- over https (lib/auth/options.ts). */
export const sessionCookieName = (baseUrl: string) =>
  baseUrl.startsWith('https:') ? '__Host-next-auth.session-token' : 'next-auth.session-token';

type UserRow = { id: string; email: string; name: string | null; groups: string; isAdmin: boolean };

/** The user as pages and routes see it; next-auth's session callback returns the same. */
export function toSessionUser(u: Omit<UserRow, 'groups'> & { groups: string[] }): Session['user'] {
  return { id: u.id, email: u.email, name: u.name ?? null, groups: u.groups, role: u.isAdmin ? 'admin' : 'consumer' };
}

/** The user a session cookie belongs to, or null when it is unknown or expired. */
export async function userForSessionToken(db: Db, token: string, now = Date.now()): Promise<Session['user'] | null> {
  const tokenHash = hashSessionToken(token);
  const [row] = await querySql(
    db,
    (p) =>
      `SELECT s."expires", u."id", u."email", u."name", u."groups", u."isAdmin" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ${p(0)}`,
    [['string', tokenHash]],
  );
  if (!row) return null;
  const expires = dateColumn(row.expires);
  if (expires.getTime() < now) {
    await db.session.deleteMany({ where: { tokenHash } });
    return null;
  }
  // A session in use lives on, as next-auth's own lookup would have it.
  if (expires.getTime() - SESSION_MAX_AGE_S * 1000 + SESSION_UPDATE_AGE_S * 1000 <= now) {
    await db.session.updateMany({ where: { tokenHash }, data: { expires: new Date(now + SESSION_MAX_AGE_S * 1000) } });
  }
  return toSessionUser({
    id: String(row.id),
    email: String(row.email),
    name: nullableColumn(row.name, String),
    groups: JSON.parse(String(row.groups)) as string[],
    isAdmin: booleanColumn(row.isAdmin),
  });
}
