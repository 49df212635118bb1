import { createHash, randomBytes } from 'node:crypto';
import { CookieJar, hop, location, postForm } from './browserless';

// Authorization Code + PKCE (RFC 7636, S256) as a browser runs it against the
// embedded IdP: the authorization request, the sign-in form, the consent form
// when one is asked, and the redirect back to the client. Each hop is a real
// HTTP request; the result is where the browser was sent in the end.

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface Authorized {
  /** Where the IdP sent the browser in the end (absent when it answered itself, e.g. an error page). */
  redirect?: URL;
  status: number;
  /** Whether a consent page was shown and allowed. */
  consented: boolean;
}

/**
 * The browser's part of an authorization request already built: sign in as
 * `person` when asked, allow consent, and follow the IdP's redirects until
 * they leave it. A failed sign-in comes back as the sign-in page's redirect.
 */
export async function authorizeWithPerson(
  url: string,
  person: { email: string; password: string },
  jar = new CookieJar(),
): Promise<Authorized> {
  const base = new URL(url).origin;
  let signedIn = jar.header(url).includes('_session=');
  let consented = false;
  let res = await hop(jar, url);
  for (let step = 0; step < 10; step++) {
    if (res.status !== 302 && res.status !== 303) return { status: res.status, consented };
    const next = new URL(location(res, base));
    if (next.origin !== base || !next.pathname.startsWith('/oidc/') || next.searchParams.has('error')) {
      return { status: res.status, redirect: next, consented };
    }
    if (/^\/oidc\/interaction\/[\w-]+$/.test(next.pathname)) {
      // The page itself is a Next page; its forms post here: sign in first, then consent.
      res = await postForm(jar, `${next.href}/${signedIn ? 'consent' : 'login'}`, signedIn ? {} : person);
      consented ||= signedIn;
      signedIn = true;
      continue;
    }
    res = await hop(jar, next.href);
  }
  throw new Error('the authorization request did not end in a redirect');
}

export interface CodeFlowResult extends Authorized {
  redirect: URL;
  verifier: string;
}

/** An authorization request to the embedded IdP at `issuer`, run to its redirect. */
export async function runCodeFlow(
  issuer: string,
  person: { email: string; password: string },
  params: Record<string, string>,
  options: { jar?: CookieJar; pkce?: boolean } = {},
): Promise<CodeFlowResult> {
  const { verifier, challenge } = pkcePair();
  const query = new URLSearchParams({
    response_type: 'code',
    state: randomBytes(8).toString('hex'),
    ...(options.pkce === false ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }),
    ...params,
  });
  const result = await authorizeWithPerson(`${issuer}/auth?${query}`, person, options.jar);
  if (!result.redirect) throw new Error(`the IdP answered ${result.status} instead of redirecting`);
  return { ...result, redirect: result.redirect, verifier };
}
