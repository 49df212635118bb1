import { z } from 'zod';
import type { AppType } from '../idp/types';

// Redirect URIs as the portal accepts them, checked the same way in
// the create dialog and at the API:
// - absolute https URLs, or http on `localhost` and `127.0.0.1` for
//   development (RFC 8252 §7.3 loopback redirects; RFC 9700 §2.1);
// - no wildcards and no fragments: every IdP Lanyard supports matches the
//   URI exactly (RFC 9700 §2.1, RFC 6749 §3.1.2), and a fragment cannot carry
//   a code back anyway;
// - no user name or password, no spaces or control characters;
// - native apps: https only on a real host (a claimed https redirect), since
//   an https loopback redirect is neither loopback nor claimed (RFC 8252 §7.2,
//   oidc-provider refuses it). Their loopback redirects work on any port.
// Private-use URI schemes (com.example.app:/cb) are not accepted: this rule
// set is https or loopback.

export const MAX_REDIRECT_URIS = 10;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
const FORBIDDEN_CHARACTERS = /[\u0000-\u0020\u007f]/;

export function redirectUriProblem(value: string, type?: AppType): string | undefined {
  if (FORBIDDEN_CHARACTERS.test(value)) return 'may not contain spaces or control characters';
  if (value.includes('*')) return 'may not contain a wildcard (*): the identity provider matches redirect URIs exactly';
  if (value.includes('#')) return 'may not contain a fragment (#…)';
  const url = URL.parse(value);
  if (!url || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'must be an absolute URL, such as https://app.example.com/callback';
  if (url.username || url.password) return 'may not contain a user name or password';
  if (url.protocol === 'http:') {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? undefined
      : 'must use https (plain http is only for http://localhost or http://127.0.0.1 while developing)';
  }
  if (url.protocol !== 'https:') return 'must be an https URL (or http://localhost or http://127.0.0.1 while developing)';
  if (type === 'native' && LOOPBACK_HOSTS.has(url.hostname)) {
    return 'for a native app, use http:// on the loopback address (any port works) or https:// on a domain you own';
  }
  return undefined;
}

export const redirectUriSchema = z
  .string({ error: 'must be a URL' })
  .trim()
  .min(1, 'Enter a URL or remove this row')
  .max(2000, 'must be at most 2000 characters')
  .superRefine((value, ctx) => {
    const problem = redirectUriProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `This URL ${problem}` });
  });

export const redirectUriListSchema = z
  .array(redirectUriSchema, { error: 'must be a list of URLs' })
  .max(MAX_REDIRECT_URIS, `Register at most ${MAX_REDIRECT_URIS} URLs`)
  .superRefine((list, ctx) => {
    list.forEach((uri, i) => {
      if (list.indexOf(uri) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'This URL is already in the list' });
    });
  });

/** The checks that depend on the type, as zod issues under `field`. */
export function checkRedirectUrisFor(
  type: AppType,
  field: 'redirectUris' | 'postLogoutRedirectUris',
  uris: readonly string[],
  ctx: z.RefinementCtx,
): void {
  if (type === 'service') {
    if (uris.length) ctx.addIssue({ code: 'custom', path: [field], message: 'A service app signs no one in, so it has no redirect URIs' });
    return;
  }
  if (field === 'redirectUris' && uris.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: 'Add at least one redirect URI: the identity provider sends people back there after they sign in',
    });
  }
  uris.forEach((uri, i) => {
    const problem = redirectUriProblem(uri, type);
    if (problem && !redirectUriProblem(uri)) ctx.addIssue({ code: 'custom', path: [field, i], message: `This URL ${problem}` });
  });
}

/** Where the catalog's try-it console receives the code (it must be registered on the app to be used). */
export function consoleRedirectUri(portalUrl: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/try-it/callback`;
}
