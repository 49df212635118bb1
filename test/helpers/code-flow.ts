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

export interface CodeFlowResult {
  /** Where the IdP sent the browser last: the client's redirect URI, or the error page. */
  redirect: URL;
  verifier: string;
  /** The consent page's scopes, products included, if one was shown. */
  consented: boolean;
}

export async function runCodeFlow(
  issuer: string,
  person: { email: string; password: string },
  params: Record<string, string>,
  options: { jar?: CookieJar; pkce?: boolean } = {},
): Promise<CodeFlowResult> {
  const jar = options.jar ?? new CookieJar();
  const { verifier, challenge } = pkcePair();
  const query = new URLSearchParams({
    response_type: 'code',
    state: randomBytes(8).toString('hex'),
    ...(options.pkce === false ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }),
    ...params,
  });
  const base = new URL(issuer).origin;
  let res = await hop(jar, `${issuer}/auth?${query}`);
  let signedIn = jar.header(`${issuer}/auth`).includes('_session=');
  let consented = false;
  for (let step = 0; step < 10; step++) {
    if (res.status !== 302 && res.status !== 303) break;
    const next = new URL(location(res, base));
    if (next.origin !== base || !next.pathname.startsWith('/oidc/') || next.searchParams.has('error')) {
      return { redirect: next, verifier, consented };
    }
    if (/^\/oidc\/interaction\/[\w-]+$/.test(next.pathname)) {
      // The page itself is a Next page; its forms post here: sign in first, then consent.
      if (!signedIn) {
        res = await postForm(jar, `${next.href}/login`, { email: person.email, password: person.password });
        signedIn = true;
      } else {
        res = await postForm(jar, `${next.href}/consent`, {});
        consented = true;
      }
      continue;
    }
    res = await hop(jar, next.href);
  }
  throw new Error(`the code flow did not end in a redirect (HTTP ${res.status}: ${(await res.text()).slice(0, 300)})`);
}
