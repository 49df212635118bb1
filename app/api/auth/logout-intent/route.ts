import { cookies } from 'next/headers';
import { authedRoute, noContent } from '@/lib/http/route';
import { LOGOUT_INTENT_COOKIE } from '@/lib/idp/embedded';

/**
 * The portal's sign-out button calls this right before it ends the session,
 * so that the embedded IdP ends its own without asking again (see
 * logoutSource in lib/idp/embedded/provider/rendered-pages.ts).
 */
export const POST = authedRoute(async () => {
  (await cookies()).set(LOGOUT_INTENT_COOKIE, '1', {
    httpOnly: true,
    sameSite: 'strict',
    path: '/oidc',
    maxAge: 60,
    secure: process.env.NEXTAUTH_URL?.startsWith('https:'),
  });
  return noContent();
});
