import type { Configuration } from 'oidc-provider';
import { responseNonce } from '../../../http/security-headers';
import { escapeHtml, standalonePage } from './standalone-page';

type Features = NonNullable<Configuration['features']>;
type Logout = NonNullable<Features['rpInitiatedLogout']>;

/**
 * Set by the portal's sign-out (app/api/auth/logout-intent) just before it
 * sends the browser here: proof that the person pressed "Sign out" in the
 * portal. SameSite=Strict, HttpOnly, scoped to /oidc and short-lived.
 */
export const LOGOUT_INTENT_COOKIE = 'lanyard_logout_intent';

/** Protocol errors shown to a person (bad redirect_uri, unknown client, ...). */
export const renderError: NonNullable<Configuration['renderError']> = async (ctx, out) => {
  ctx.type = 'html';
  ctx.body = standalonePage(
    'Sign-in problem',
    `<h1>We couldn’t continue this sign-in</h1>
<p>${escapeHtml(out.error_description ?? 'The request was not valid.')}</p>
<p><code>${escapeHtml(out.error)}</code></p>
<p><a class="button" href="/">Back to the portal</a></p>`,
    responseNonce(ctx.res),
  );
};

/**
 * RP-initiated logout. When the portal's own sign-out sent the browser here
 * (its logout-intent cookie is present), the IdP session ends without a
 * second question: the form, which carries oidc-provider's own xsrf token,
 * submits itself. Anyone else linking here (any page can navigate a browser
 * to /oidc/session/end) gets the question, so no page can sign a person out
 * behind their back.
 */
export const logoutSource: Logout['logoutSource'] = async (ctx, form) => {
  // The portal sets it unsigned (oidc-provider would otherwise expect its own signature).
  const intended = !!ctx.cookies.get(LOGOUT_INTENT_COOKIE, { signed: false });
  ctx.cookies.set(LOGOUT_INTENT_COOKIE, null, { path: '/oidc', signed: false });
  const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  ctx.type = 'html';
  ctx.body = standalonePage(
    'Signing out',
    intended
      ? `<h1>Signing you out…</h1><p>Ending your Lanyard ID session.</p>
${confirmed.replace('</form>', '<noscript><button type="submit">Continue</button></noscript></form>')}
<script>document.forms[0].submit()</script>`
      : `<h1>Sign out of Lanyard ID?</h1><p>You are signed in to Lanyard ID. Signing out ends that session in this browser.</p>
${confirmed.replace('</form>', '<p><button type="submit">Sign out</button> <a href="/">Stay signed in</a></p></form>')}`,
    responseNonce(ctx.res),
  );
};

export const postLogoutSuccessSource: Logout['postLogoutSuccessSource'] = async (ctx) => {
  ctx.type = 'html';
  ctx.body = standalonePage(
    'Signed out',
    `<h1>You are signed out</h1><p>Your Lanyard ID session has ended.</p><p><a class="button" href="/">Back to the portal</a></p>`,
    responseNonce(ctx.res),
  );
};
