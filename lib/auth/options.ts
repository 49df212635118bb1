import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { recordAuditEvent } from '../audit/record-audit-event';
import { db } from '../db';
import { env } from '../env';
import { groupsFromClaims, isAdminByGroups } from './roles';
import { sessionAdapter } from './session-adapter';
import { signInProvider, signInProviderInfo } from './signin-providers';

// next-auth 4 (the stable line; 5 is still a beta) with database sessions, so
// signing out deletes the session server-side and a copied cookie dies with it.

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const logoutUrl = signInProviderInfo(e).logoutUrl(e.LANYARD_URL);
  cached = {
    secret: e.NEXTAUTH_SECRET,
    adapter: sessionAdapter(db, e.LANYARD_ADMIN_GROUP),
    providers: [signInProvider(e)],
    session: { strategy: 'database', maxAge: 8 * 3600, updateAge: 15 * 60 },
    pages: { signIn: '/signin', error: '/auth/error' },
    callbacks: {
      session({ session, user }) {
        const u = user as typeof user & { groups?: string[]; isAdmin?: boolean };
        session.user = {
          id: u.id,
          email: u.email,
          name: u.name ?? null,
          groups: u.groups ?? [],
          role: u.isAdmin ? 'admin' : 'consumer',
        };
        return session;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith('/')) return `${baseUrl}${url}`;
        if (new URL(url).origin === baseUrl) return url;
        if (logoutUrl && url === logoutUrl) return url;
        return baseUrl;
      },
    },
    events: {
      // Group membership (and so the admin role) is refreshed at every sign-in.
      async signIn({ user, profile, account }) {
        const groups = groupsFromClaims((profile ?? {}) as Record<string, unknown>);
        const updated = await db().user.update({
          where: { id: user.id },
          data: {
            groups: JSON.stringify(groups),
            isAdmin: isAdminByGroups(groups, e.LANYARD_ADMIN_GROUP),
            name: (profile?.name as string | undefined) ?? user.name ?? null,
            lastSignIn: new Date(),
          },
        });
        await recordAuditEvent(db(), {
          actor: { id: updated.id, email: updated.email },
          action: 'auth.sign_in',
          target: { type: 'user', id: updated.id },
          outcome: 'success',
          detail: { idp: account?.provider, role: updated.isAdmin ? 'admin' : 'consumer' },
        });
      },
      async signOut({ session }) {
        const s = session as { userId?: string } | undefined;
        if (!s?.userId) return;
        const user = await db().user.findUnique({ where: { id: s.userId } });
        if (!user) return;
        await recordAuditEvent(db(), {
          actor: { id: user.id, email: user.email },
          action: 'auth.sign_out',
          target: { type: 'user', id: user.id },
          outcome: 'success',
        });
      },
    },
  };
  return cached;
}

export function idpLogoutUrl(): string | undefined {
  const e = env();
  return signInProviderInfo(e).logoutUrl(e.LANYARD_URL);
}
