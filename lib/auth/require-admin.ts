import 'server-only';
import type { SessionUser } from './current-user';
import { requireUser } from './require-user';

export type AdminCheck = { ok: true; user: SessionUser } | { ok: false; user: SessionUser };

/**
 * For admin pages: signed out → a redirect to sign-in that comes back here;
 * signed in without the admin role → `ok: false`, and the page renders the
 * "not allowed" page (components/admin/not-allowed.tsx) instead of anything
 * else. Every admin page calls this itself, before it reads any data: a
 * layout's check does not guard its pages.
 */
export async function requireAdmin(returnTo: string): Promise<AdminCheck> {
  const user = await requireUser(returnTo);
  return user.role === 'admin' ? { ok: true, user } : { ok: false, user };
}
