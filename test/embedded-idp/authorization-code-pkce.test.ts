import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CLIENT_ID, portalClientSecret } from '@/lib/idp/embedded';
import { CookieJar, hop, location, postForm } from '../helpers/browserless';
import { addIdpUser, startEmbeddedIdp, TEST_AUTH_SECRET, type RunningIdp } from '../helpers/embedded-idp';

// OIDC Core §3.1 Authorization Code flow with PKCE (RFC 7636, S256 only) on
// the embedded IdP, driven hop by hop through its sign-in and consent forms;
// then refresh (RFC 6749 §6), introspection (RFC 7662), revocation (RFC 7009).

let idp: RunningIdp;
let redirectUri: string;
const basic = `Basic ${Buffer.from(`${PORTAL_CLIENT_ID}:${portalClientSecret(TEST_AUTH_SECRET)}`).toString('base64')}`;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  redirectUri = `${idp.portalUrl}/api/auth/callback/embedded`;
  await addIdpUser(idp.testDb, {
    id: 'u-dev',
    email: 'dev@example.com',
    name: 'Dee Veloper',
    password: 'correct horse',
    groups: ['developers'],
  });
});
afterAll(() => idp?.stop());

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: PORTAL_CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email profile groups offline_access',
    prompt: 'consent',
    state: 'state-123',
    nonce: 'nonce-456',
    ...params,
  });
  return `${idp.issuer}/auth?${query}`;
}

async function signInAndConsent(jar: CookieJar, challenge: string, password = 'correct horse') {
  const start = await hop(jar, authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
  expect(start.status).toBe(303);
  const loginPage = location(start, idp.portalUrl);
  expect(loginPage).toMatch(/\/oidc\/interaction\/[\w-]+$/);
  const login = await postForm(jar, `${loginPage}/login`, { email: 'dev@example.com', password });
  if (password !== 'correct horse') return { login };
  const consentPage = location(await hop(jar, location(login, idp.portalUrl)), idp.portalUrl);
  expect(consentPage).toMatch(/\/oidc\/interaction\/[\w-]+$/);
  const consent = await postForm(jar, `${consentPage}/consent`, {});
  const callback = location(await hop(jar, location(consent, idp.portalUrl)), idp.portalUrl);
  return { callback: new URL(callback) };
}

async function token(params: Record<string, string>) {
  const res = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('Authorization Code + PKCE (RFC 7636)', () => {
  it('signs a user in, returns state, and exchanges the code with the verifier', async () => {
    const { verifier, challenge } = pkce();
    const { callback } = await signInAndConsent(new CookieJar(), challenge);
    expect(callback!.origin + callback!.pathname).toBe(redirectUri);
    expect(callback!.searchParams.get('state')).toBe('state-123');
    expect(callback!.searchParams.get('iss')).toBe(idp.issuer);

    const res = await token({
      grant_type: 'authorization_code',
      code: callback!.searchParams.get('code')!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(res.status).toBe(200);
    const { payload } = await jwtVerify(res.body.id_token!, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), {
      issuer: idp.issuer,
      audience: PORTAL_CLIENT_ID,
    });
    expect(payload).toMatchObject({
      sub: 'u-dev',
      email: 'dev@example.com',
      name: 'Dee Veloper',
      groups: ['developers'],
      nonce: 'nonce-456',
    });
    expect(res.body.refresh_token).toBeTypeOf('string');
  });

  it('refuses an authorization request without a code_challenge', async () => {
    const res = await hop(new CookieJar(), authorizeUrl({}));
    const back = new URL(location(res, idp.portalUrl));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses the plain method: S256 only', async () => {
    const res = await hop(new CookieJar(), authorizeUrl({ code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }));
    const back = new URL(location(res, idp.portalUrl));
    expect(back.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses the code with a wrong verifier', async () => {
    const { challenge } = pkce();
    const { callback } = await signInAndConsent(new CookieJar(), challenge);
    const res = await token({
      grant_type: 'authorization_code',
      code: callback!.searchParams.get('code')!,
      redirect_uri: redirectUri,
      code_verifier: pkce().verifier,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('sends a wrong password back to the sign-in page with an error', async () => {
    const { login } = await signInAndConsent(new CookieJar(), pkce().challenge, 'wrong');
    expect(login!.status).toBe(303);
    const back = new URL(location(login!, idp.portalUrl));
    expect(back.pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    expect(back.searchParams.get('error')).toBe('credentials');
  });
});

describe('refresh, introspection and revocation of the sign-in tokens', () => {
  it('refreshes, introspects an active token, and revokes it', async () => {
    const { verifier, challenge } = pkce();
    const { callback } = await signInAndConsent(new CookieJar(), challenge);
    const first = await token({
      grant_type: 'authorization_code',
      code: callback!.searchParams.get('code')!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token! });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);

    const introspect = async (value: string) => {
      const res = await fetch(`${idp.issuer}/token/introspection`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: value }),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    expect(await introspect(refreshed.body.access_token!)).toMatchObject({ active: true, sub: 'u-dev', client_id: PORTAL_CLIENT_ID });

    const revoke = await fetch(`${idp.issuer}/token/revocation`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshed.body.access_token! }),
    });
    expect(revoke.status).toBe(200);
    expect(await introspect(refreshed.body.access_token!)).toEqual({ active: false });
  });
});

describe('discovery (OIDC Discovery 1.0)', () => {
  it('publishes its endpoints, S256 only, and a JWKS', async () => {
    const meta = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      issuer: idp.issuer,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      code_challenge_methods_supported: ['S256'],
      introspection_endpoint: `${idp.issuer}/token/introspection`,
      revocation_endpoint: `${idp.issuer}/token/revocation`,
    });
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    const jwks = (await (await fetch(String(meta.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
