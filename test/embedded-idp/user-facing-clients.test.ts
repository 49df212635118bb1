import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productResource } from '@/lib/idp/embedded';
import type { CreatedAppClient } from '@/lib/idp/types';
import { CookieJar, hop } from '../helpers/browserless';
import { runCodeFlow } from '../helpers/code-flow';
import { addIdpUser, startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';

// The embedded IdP's user-facing clients: spa, web and native
// applications use Authorization Code + PKCE; product scopes need a
// subscription and are refused (not dropped) without one; refresh tokens of
// public clients rotate, and a reused one revokes the grant; the token
// endpoint answers a browser only from the origin of a registered redirect URI.

let idp: RunningIdp;
let spa: CreatedAppClient;
const person = { email: 'dev@example.com', password: 'correct horse' };
const SPA_REDIRECT = 'http://127.0.0.1:5173/callback';

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await addIdpUser(idp.testDb, { id: 'u-dev', ...person, name: 'Dee Veloper' });
  for (const id of ['tracks', 'petstore']) await idp.adapter.createApiProduct({ id, description: `${id} API` });
  spa = await idp.adapter.createAppClient({
    appId: 'spa-app',
    settings: { type: 'spa', redirectUris: [SPA_REDIRECT], postLogoutRedirectUris: [] },
  });
  await idp.adapter.setClientApiProducts(spa.clientId, ['tracks']);
});
afterAll(() => idp?.stop());

async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, string> };
}

async function signInSpa(scope: string, extra: Record<string, string> = {}, jar = new CookieJar()) {
  const flow = await runCodeFlow(idp.issuer, person, { client_id: spa.clientId, redirect_uri: SPA_REDIRECT, scope, ...extra }, { jar });
  return { ...flow, code: flow.redirect.searchParams.get('code') };
}

async function exchangeCode(code: string, verifier: string) {
  return tokenRequest({
    grant_type: 'authorization_code',
    client_id: spa.clientId,
    code,
    code_verifier: verifier,
    redirect_uri: SPA_REDIRECT,
  });
}

describe('a spa client', () => {
  it('is public: no secret, and the IdP reports its type and redirect URIs', async () => {
    expect(spa.clientSecret).toBeUndefined();
    expect(await idp.adapter.getClient(spa.clientId)).toMatchObject({
      type: 'spa',
      redirectUris: [SPA_REDIRECT],
      authMethod: 'none',
      scopes: ['tracks'],
    });
  });

  it('gets exactly its subscribed products in one token, after a consent naming them', async () => {
    const { code, verifier, consented } = await signInSpa('openid tracks');
    expect(consented).toBe(true);
    expect(code).toBeTruthy();
    const res = await exchangeCode(code!, verifier);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { payload } = await jwtVerify(res.body.access_token!, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), {
      issuer: idp.issuer,
      audience: `${idp.portalUrl}/apis`,
    });
    expect(payload).toMatchObject({ sub: 'u-dev', client_id: spa.clientId, scope: 'tracks' });
    expect(res.body.id_token).toBeTypeOf('string');
    expect(res.body.refresh_token).toBeTypeOf('string');
  });

  it('refuses, not drops, a product the application is not subscribed to', async () => {
    const { redirect } = await signInSpa('openid tracks petstore');
    expect(redirect.origin + redirect.pathname).toBe(SPA_REDIRECT);
    expect(redirect.searchParams.get('error')).toBe('invalid_scope');
    expect(redirect.searchParams.get('error_description')).toMatch(/not subscribed/);
    expect(redirect.searchParams.get('code')).toBeNull();
  });

  it('one sign-in, several products: both scopes once both are subscribed', async () => {
    await idp.adapter.setClientApiProducts(spa.clientId, ['tracks', 'petstore']);
    try {
      const { code, verifier } = await signInSpa('openid tracks petstore');
      const res = await exchangeCode(code!, verifier);
      expect(decodeJwt(res.body.access_token!).scope).toBe('tracks petstore');
    } finally {
      await idp.adapter.setClientApiProducts(spa.clientId, ['tracks']);
    }
  });

  it('RFC 8707: resource gives a token whose audience is one product', async () => {
    const { code, verifier } = await signInSpa('openid tracks', { resource: productResource(idp.portalUrl, 'tracks') });
    const res = await exchangeCode(code!, verifier);
    expect(decodeJwt(res.body.access_token!)).toMatchObject({ aud: productResource(idp.portalUrl, 'tracks'), scope: 'tracks' });
  });

  it('requires PKCE: no code_challenge, no code', async () => {
    const flow = await runCodeFlow(
      idp.issuer,
      person,
      { client_id: spa.clientId, redirect_uri: SPA_REDIRECT, scope: 'openid tracks' },
      { pkce: false },
    );
    expect(flow.redirect.searchParams.get('error')).toBe('invalid_request');
    expect(flow.redirect.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses an unregistered redirect URI at the IdP, without redirecting to it', async () => {
    for (const uri of ['http://127.0.0.1:5174/callback', 'http://127.0.0.1:5173/callback/', 'https://evil.example/callback']) {
      const res = await hop(
        new CookieJar(),
        `${idp.issuer}/auth?${new URLSearchParams({
          client_id: spa.clientId,
          response_type: 'code',
          redirect_uri: uri,
          scope: 'openid',
          code_challenge: 'x'.repeat(43),
          code_challenge_method: 'S256',
        })}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toMatch(/redirect_uri/);
    }
  });

  it('implicit is refused: the IdP offers no token response types', async () => {
    const res = await hop(
      new CookieJar(),
      `${idp.issuer}/auth?${new URLSearchParams({ client_id: spa.clientId, response_type: 'token', redirect_uri: SPA_REDIRECT, scope: 'openid' })}`,
    );
    const back = new URL(res.headers.get('location') ?? `${idp.issuer}/`, idp.portalUrl);
    expect(back.searchParams.get('error') ?? (await res.text())).toMatch(/unsupported_response_type/);
  });

  it('the password grant does not exist', async () => {
    const res = await tokenRequest({ grant_type: 'password', client_id: spa.clientId, username: person.email, password: person.password });
    expect(res.body.error).toBe('unsupported_grant_type');
  });
});

describe('refresh tokens of a public client', () => {
  it('rotate on every use; reusing a rotated one revokes the whole grant', async () => {
    const { code, verifier } = await signInSpa('openid tracks');
    const first = await exchangeCode(code!, verifier);
    const second = await tokenRequest({ grant_type: 'refresh_token', client_id: spa.clientId, refresh_token: first.body.refresh_token! });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeTypeOf('string');
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(decodeJwt(second.body.access_token!).scope).toBe('tracks');

    // The old one again: refused, and the grant it belonged to is gone, so the new one dies too.
    const reuse = await tokenRequest({ grant_type: 'refresh_token', client_id: spa.clientId, refresh_token: first.body.refresh_token! });
    expect(reuse.body.error).toBe('invalid_grant');
    const after = await tokenRequest({ grant_type: 'refresh_token', client_id: spa.clientId, refresh_token: second.body.refresh_token! });
    expect(after.body.error).toBe('invalid_grant');
  });

  it('a product unsubscribed since the sign-in drops out of the next refreshed token', async () => {
    await idp.adapter.setClientApiProducts(spa.clientId, ['tracks', 'petstore']);
    const { code, verifier } = await signInSpa('openid tracks petstore');
    const first = await exchangeCode(code!, verifier);
    await idp.adapter.setClientApiProducts(spa.clientId, ['tracks']);
    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      client_id: spa.clientId,
      refresh_token: first.body.refresh_token!,
    });
    expect(decodeJwt(refreshed.body.access_token!).scope).toBe('tracks');
  });
});

describe('CORS at the token endpoint', () => {
  it('answers the origin of a registered redirect URI, and no other', async () => {
    const { code, verifier } = await signInSpa('openid tracks');
    const ok = await tokenRequest(
      { grant_type: 'authorization_code', client_id: spa.clientId, code: code!, code_verifier: verifier, redirect_uri: SPA_REDIRECT },
      { origin: 'http://127.0.0.1:5173' },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');

    const other = await tokenRequest(
      { grant_type: 'refresh_token', client_id: spa.clientId, refresh_token: ok.body.refresh_token! },
      { origin: 'https://evil.example' },
    );
    expect(other.status).toBe(400);
    expect(other.body.error_description).toMatch(/origin https:\/\/evil.example not allowed/);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('web and native clients', () => {
  it('a web client is confidential: code + PKCE and its secret', async () => {
    const web = await idp.adapter.createAppClient({
      appId: 'web-app',
      settings: { type: 'web', redirectUris: ['https://app.example.com/cb'], postLogoutRedirectUris: ['https://app.example.com/'] },
    });
    expect(web.clientSecret).toBeTypeOf('string');
    await idp.adapter.setClientApiProducts(web.clientId, ['tracks']);
    const flow = await runCodeFlow(idp.issuer, person, {
      client_id: web.clientId,
      redirect_uri: 'https://app.example.com/cb',
      scope: 'openid tracks',
    });
    const form = {
      grant_type: 'authorization_code',
      code: flow.redirect.searchParams.get('code')!,
      code_verifier: flow.verifier,
      redirect_uri: 'https://app.example.com/cb',
    };
    expect((await tokenRequest({ ...form, client_id: web.clientId })).body.error).toBe('invalid_client');
    const basic = `Basic ${Buffer.from(`${web.clientId}:${web.clientSecret}`).toString('base64')}`;
    const res = await tokenRequest(form, { authorization: basic });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(decodeJwt(res.body.access_token!).scope).toBe('tracks');
  });

  it('a native client may use any port of its loopback redirect URI (RFC 8252 §7.3); a spa may not', async () => {
    const native = await idp.adapter.createAppClient({
      appId: 'native-app',
      settings: { type: 'native', redirectUris: ['http://127.0.0.1/callback'], postLogoutRedirectUris: [] },
    });
    await idp.adapter.setClientApiProducts(native.clientId, ['tracks']);
    const flow = await runCodeFlow(idp.issuer, person, {
      client_id: native.clientId,
      redirect_uri: 'http://127.0.0.1:49152/callback',
      scope: 'openid tracks',
    });
    expect(flow.redirect.origin).toBe('http://127.0.0.1:49152');
    expect(flow.redirect.searchParams.get('code')).toBeTruthy();
  });
});
