import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { recordAuditEvent } from '../audit/record-audit-event';
import { acceptInvites } from '../teams/manage-teams';
import { db } from '../db';
import { env } from '../env';
import { groupsFromClaims, isAdminByGroups } from './roles';
import { sessionAdapter } from './session-adapter';
import { SESSION_MAX_AGE_S, SESSION_UPDATE_AGE_S, sessionCookieName, toSessionUser } from './session-lookup';
import { signInProvider, signInProviderInfo } from './signin-providers';

// next-auth 4 (the stable line; 5 is still a beta) with database sessions, so
// signing out deletes the session server-side and a copied cookie dies with it.

let cached: NextAuthOptions | undefined;

// next-auth's own log lines can carry the expected and received OAuth `state`
// (and codes): long random strings are replaced before anything is printed.
const redact = (value: unknown) =>
  (value instanceof Error ? value.message : typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).replace(
    /[A-Za-z0-9_\-.~+/=]{20,}/g,
    '[redacted]',
  );

const redactingLogger: NonNullable<NextAuthOptions['logger']> = {
  error(code, metadata) {
    const m = metadata as { error?: unknown; message?: unknown } | undefined;
    console.error(`[next-auth] ${code}: ${redact(m?.message ?? m?.error ?? metadata)}`);
  },
  warn(code) {
    console.warn(`[next-auth] ${code}`);
  },
  debug() {},
};

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const logoutUrl = signInProviderInfo(e).logoutUrl(e.LANYARD_URL);
  cached = {
    secret: e.NEXTAUTH_SECRET,
    adapter: sessionAdapter(db, e.LANYARD_ADMIN_GROUP),
    providers: [signInProvider(e)],
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_S, updateAge: SESSION_UPDATE_AGE_S },
    // Over https the session cookie is __Host-: Secure, no Domain, Path=/, so
    // no sibling subdomain can set or overwrite it (next-auth makes the others __Secure-).
    ...(e.LANYARD_URL.startsWith('https:') && {
      cookies: {
        sessionToken: { name: sessionCookieName(e.LANYARD_URL), options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } },
      },
    }),
    logger: redactingLogger,
    pages: { signIn: '/signin', error: '/auth/error' },
    callbacks: {
      session({ session, user }) {
        const u = user as typeof user & { groups?: string[]; isAdmin?: boolean };
        session.user = toSessionUser({ id: u.id, email: u.email, name: u.name ?? null, groups: u.groups ?? [], isAdmin: !!u.isAdmin });
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
        // Teams that invited this email before the person ever signed in.
        await acceptInvites(db(), updated);
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
