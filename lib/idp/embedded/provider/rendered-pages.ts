import type { Configuration } from 'oidc-provider';
import { escapeHtml, standalonePage } from './standalone-page';

type Features = NonNullable<Configuration['features']>;
type Logout = NonNullable<Features['rpInitiatedLogout']>;

/** Protocol errors shown to a person (bad redirect_uri, unknown client, ...). */
export const renderError: NonNullable<Configuration['renderError']> = async (ctx, out) => {
  ctx.type = 'html';
  ctx.body = standalonePage(
    'Sign-in problem',
    `<h1>We couldn’t continue this sign-in</h1>
<p>${escapeHtml(out.error_description ?? 'The request was not valid.')}</p>
<p><code>${escapeHtml(out.error)}</code></p>
<p><a class="button" href="/">Back to the portal</a></p>`,
  );
};

/**
 * RP-initiated logout: the portal has already ended its own session and sends
 * the browser here with its client_id, so the IdP session ends without a
 * second question. The form carries oidc-provider's own xsrf token.
 */
export const logoutSource: Logout['logoutSource'] = async (ctx, form) => {
  ctx.type = 'html';
  ctx.body = standalonePage(
    'Signing out',
    `<h1>Signing you out…</h1><p>Ending your Lanyard ID session.</p>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Continue</button></noscript></form>')}
<script>document.forms[0].submit()</script>`,
  );
};

export const postLogoutSuccessSource: Logout['postLogoutSuccessSource'] = async (ctx) => {
  ctx.type = 'html';
  ctx.body = standalonePage(
    'Signed out',
    `<h1>You are signed out</h1><p>Your Lanyard ID session has ended.</p><p><a class="button" href="/">Back to the portal</a></p>`,
  );
};
