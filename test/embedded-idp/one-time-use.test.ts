import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CLIENT_ID, portalClientSecret } from '@/lib/idp/embedded';
import { CookieJar, hop, location, postForm } from '../helpers/browserless';
import { addIdpUser, startEmbeddedIdp, TEST_AUTH_SECRET, type RunningIdp } from '../helpers/embedded-idp';

// RFC 6749 §4.1.2: an authorization code is used once. Two redemptions sent
// at the same moment (two replicas, or an attacker racing the client) must
// not both get tokens; the loser is refused and the grant revoked. Same for a
// refresh token that is rotated on use (RFC 9700 §4.14.2).

let idp: RunningIdp;
const basic = `Basic ${Buffer.from(`${PORTAL_CLIENT_ID}:${portalClientSecret(TEST_AUTH_SECRET)}`).toString('base64')}`;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await addIdpUser(idp.testDb, { id: 'u-1', email: 'dev@example.com', name: 'Dee', password: 'correct horse' });
});
afterAll(() => idp.stop());

async function codeFor(jar: CookieJar, challenge: string): Promise<string> {
  const query = new URLSearchParams({
    client_id: PORTAL_CLIENT_ID,
    response_type: 'code',
    redirect_uri: `${idp.portalUrl}/api/auth/callback/embedded`,
    scope: 'openid offline_access',
    prompt: 'consent',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const page = location(await hop(jar, `${idp.issuer}/auth?${query}`), idp.portalUrl);
  const login = await postForm(jar, `${page}/login`, { email: 'dev@example.com', password: 'correct horse' });
  const consentPage = location(await hop(jar, location(login, idp.portalUrl)), idp.portalUrl);
  const consent = await postForm(jar, `${consentPage}/consent`, {});
  return new URL(location(await hop(jar, location(consent, idp.portalUrl)), idp.portalUrl)).searchParams.get('code')!;
}

const token = (params: Record<string, string>) =>
  fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));

describe('one-time use under concurrency', () => {
  it('redeems a code once when two redemptions race', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(new CookieJar(), createHash('sha256').update(verifier).digest('base64url'));
    const params = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: `${idp.portalUrl}/api/auth/callback/embedded`,
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => token(params)));
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status !== 200)) expect(lost.body.error).toBe('invalid_grant');
  });
});
