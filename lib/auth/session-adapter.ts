import 'server-only';
import type { Adapter, AdapterAccount, AdapterUser } from 'next-auth/adapters';
import type { Db } from '../db';
import { isAdminByGroups } from './roles';
import { hashSessionToken as hashToken } from './session-lookup';

// next-auth's storage, over Lanyard's own User / Account / Session tables.
// Deliberately smaller than the stock adapters: no IdP access, refresh or ID
// tokens are kept (the portal never calls the IdP on the user's behalf), and a
// session is stored as the SHA-256 of its cookie, not the cookie itself.

type UserRow = { id: string; email: string; name: string | null; groups: string; isAdmin: boolean };

export interface PortalAdapterUser extends AdapterUser {
  groups: string[];
  isAdmin: boolean;
}

function toAdapterUser(row: UserRow): PortalAdapterUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: null,
    groups: JSON.parse(row.groups) as string[],
    isAdmin: row.isAdmin,
  };
}

export function sessionAdapter(db: () => Db, adminGroup: string): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, 'id'>) {
      const groups = ((user as Partial<PortalAdapterUser>).groups ?? []) as string[];
      const row = await db().user.create({
        data: {
          email: user.email.toLowerCase(),
          name: user.name ?? null,
          groups: JSON.stringify(groups),
          isAdmin: isAdminByGroups(groups, adminGroup),
        },
      });
      return toAdapterUser(row);
    },
    async getUser(id) {
      const row = await db().user.findUnique({ where: { id } });
      return row ? toAdapterUser(row) : null;
    },
    async getUserByEmail(email) {
      const row = await db().user.findUnique({ where: { email: email.toLowerCase() } });
      return row ? toAdapterUser(row) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db().account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      return account ? toAdapterUser(account.user) : null;
    },
    async updateUser(user) {
      const row = await db().user.update({
        where: { id: user.id },
        data: { ...(user.name !== undefined ? { name: user.name } : {}) },
      });
      return toAdapterUser(row);
    },
    async linkAccount(account: AdapterAccount) {
      await db().account.create({
        data: { userId: account.userId, provider: account.provider, providerAccountId: account.providerAccountId },
      });
    },
    async createSession({ sessionToken, userId, expires }) {
      await db().session.create({ data: { tokenHash: hashToken(sessionToken), userId, expires } });
      return { sessionToken, userId, expires };
    },
    async getSessionAndUser(sessionToken) {
      const row = await db().session.findUnique({
        where: { tokenHash: hashToken(sessionToken) },
        include: { user: true },
      });
      if (!row) return null;
      return {
        session: { sessionToken, userId: row.userId, expires: row.expires },
        user: toAdapterUser(row.user),
      };
    },
    async updateSession({ sessionToken, expires }) {
      if (!expires) return null;
      const row = await db().session.update({ where: { tokenHash: hashToken(sessionToken) }, data: { expires } });
      return { sessionToken, userId: row.userId, expires: row.expires };
    },
    async deleteSession(sessionToken) {
      await db().session.deleteMany({ where: { tokenHash: hashToken(sessionToken) } });
    },
  };
}
