import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdpError } from '@/lib/idp/errors';
import type { IdpDiscovery, IdpFeatures } from '@/lib/idp/types';
import { harnessFactories, type AdapterHarness } from '../helpers/adapter-harness';
import { pkcePair } from '../helpers/code-flow';
import { clientCredentials } from '../helpers/token-request';

// The IdP Connect SPI contract, one suite for every adapter (docs/architecture.md,
// "The IdP Connect SPI"): each adapter must make the IdP issue tokens with exactly the
// subscribed products' scopes, refuse the rest, and answer repeated or wrong
// calls with the typed errors. Adapters run against the embedded IdP or the
// cloud stand-ins in test/stand-ins/, through the SDK calls production makes.

const factories = harnessFactories;

async function expectIdpError(promise: Promise<unknown>, code: IdpError['code']) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected an IdpError ${code}`).toBeInstanceOf(IdpError);
  expect((err as IdpError).code).toBe(code);
}

function scopesOf(payload: JWTPayload, discovery: IdpDiscovery): string[] {
  const raw = payload[discovery.scopeClaim];
  return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(' ')).filter(Boolean).sort();
}

describe.each(factories)('$kind adapter', (factory) => {
  let h: AdapterHarness;
  let discovery: IdpDiscovery;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  let client: { id: string; secret: string; secretId?: string };

  const scope = (...ids: string[]) => ids.map((id) => h.adapter.scopeFor(id)).join(' ');
  const token = (c: { id: string; secret: string }, ...ids: string[]) =>
    clientCredentials(discovery.tokenEndpoint, c, ids.length ? { scope: scope(...ids) } : {});

  async function tokenScopes(c: { id: string; secret: string }, ...ids: string[]) {
    const res = await token(c, ...ids);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { payload } = await jwtVerify(String(res.body.access_token), jwks, { issuer: discovery.issuer });
    return scopesOf(payload, discovery);
  }

  beforeAll(async () => {
    h = await factory.start();
    discovery = await h.adapter.discovery();
    jwks = createRemoteJWKSet(new URL(discovery.jwksUri));
    await h.adapter.createApiProduct({ id: 'tracks', description: 'Tracks API' });
    await h.adapter.createApiProduct({ id: 'petstore', description: 'Petstore API' });
    const created = await h.adapter.createClient({ appId: 'conformance-app' });
    client = { id: created.clientId, secret: created.clientSecret, secretId: created.secretId };
  });
  afterAll(() => h?.stop());

  it('creates a client named after the application, allowed no API yet', async () => {
    expect(client.id).toBeTruthy();
    expect(client.secret.length).toBeGreaterThanOrEqual(20);
    expect(await h.adapter.getClient(client.id)).toMatchObject({ clientId: client.id, clientName: 'lanyard-conformance-app', scopes: [] });
    expect((await h.adapter.listClients()).map((c) => c.clientId)).toContain(client.id);
    // Where the IdP gives secrets back (for the token tool), it is this one.
    if (h.adapter.readClientSecret) expect(await h.adapter.readClientSecret(client.id)).toBe(client.secret);
  });

  it('knows a scope for every product it created', async () => {
    const products = await h.adapter.listApiProducts();
    expect(products.map((p) => p.scope).sort()).toEqual([h.adapter.scopeFor('petstore'), h.adapter.scopeFor('tracks')].sort());
  });

  it('subscribe: a token carries exactly the subscribed scopes', async () => {
    await h.adapter.setClientApiProducts(client.id, ['tracks']);
    expect((await h.adapter.getClient(client.id)).scopes).toEqual([h.adapter.scopeFor('tracks')]);
    expect(await tokenScopes(client, 'tracks')).toEqual([h.adapter.scopeFor('tracks')]);
  });

  it('a scope not subscribed is refused', async () => {
    const res = await token(client, 'petstore');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(h.refusedScopeErrors).toContain(res.body.error);
    expect(res.body.access_token).toBeUndefined();
  });

  it('unsubscribe: the scope is refused again', async () => {
    await h.adapter.setClientApiProducts(client.id, ['tracks', 'petstore']);
    expect(await tokenScopes(client, 'tracks', 'petstore')).toEqual([h.adapter.scopeFor('petstore'), h.adapter.scopeFor('tracks')].sort());
    await h.adapter.setClientApiProducts(client.id, ['petstore']);
    expect(h.refusedScopeErrors).toContain((await token(client, 'tracks')).body.error);
    expect(await tokenScopes(client, 'petstore')).toEqual([h.adapter.scopeFor('petstore')]);
  });

  it('setting the same products twice leaves the same state', async () => {
    await h.adapter.setClientApiProducts(client.id, ['tracks']);
    await h.adapter.setClientApiProducts(client.id, ['tracks', 'tracks']);
    expect((await h.adapter.getClient(client.id)).scopes).toEqual([h.adapter.scopeFor('tracks')]);
    expect(await tokenScopes(client, 'tracks')).toEqual([h.adapter.scopeFor('tracks')]);
  });

  it('rotate: both secrets work; retire: the old one is refused', async () => {
    if (!h.adapter.rotateClientSecret || !h.adapter.retireClientSecret) {
      expect(discovery.secretRotation).toBe('none');
      return;
    }
    expect(discovery.secretRotation).toBe('dual');
    const rotated = await h.adapter.rotateClientSecret(client.id);
    const fresh = { id: client.id, secret: rotated.clientSecret };
    expect(await tokenScopes(client, 'tracks')).toEqual([h.adapter.scopeFor('tracks')]);
    expect(await tokenScopes(fresh, 'tracks')).toEqual([h.adapter.scopeFor('tracks')]);
    const secrets = await h.adapter.listClientSecrets!(client.id);
    const old = secrets.find((s) => s.secretId !== rotated.secretId)!;
    await h.adapter.retireClientSecret(client.id, old.secretId);
    const refused = await token(client, 'tracks');
    expect(refused.body.error).toBe('invalid_client');
    expect(await tokenScopes(fresh, 'tracks')).toEqual([h.adapter.scopeFor('tracks')]);
    client = fresh;
    await expectIdpError(h.adapter.retireClientSecret(client.id, old.secretId), 'not_found');
  });

  it('typed errors: unknown client, unknown product, repeated create', async () => {
    await expectIdpError(h.adapter.getClient('no-such-client'), 'not_found');
    await expectIdpError(h.adapter.setClientApiProducts('no-such-client', ['tracks']), 'not_found');
    await expectIdpError(h.adapter.setClientApiProducts(client.id, ['no-such-product']), 'not_found');
    expect((await h.adapter.getClient(client.id)).scopes).toEqual([h.adapter.scopeFor('tracks')]);
    await expectIdpError(h.adapter.createApiProduct({ id: 'tracks' }), 'conflict');
    await expectIdpError(h.adapter.createClient({ appId: 'conformance-app' }), 'conflict');
    await expectIdpError(h.adapter.createApiProduct({ id: 'has space' }), 'invalid_input');
    expect((await h.adapter.listApiProducts()).length).toBe(2);
  });

  it('application ids are case-sensitive: Foo and foo get two clients', async () => {
    const upper = await h.adapter.createClient({ appId: 'Case-App' });
    const lower = await h.adapter.createClient({ appId: 'case-app' });
    expect(upper.clientId).not.toBe(lower.clientId);
    expect((await h.adapter.getClient(upper.clientId)).clientName).toBe('lanyard-Case-App');
    expect((await h.adapter.getClient(lower.clientId)).clientName).toBe('lanyard-case-app');
    await h.adapter.deleteClient(upper.clientId);
    expect((await h.adapter.getClient(lower.clientId)).clientName).toBe('lanyard-case-app');
    await h.adapter.deleteClient(lower.clientId);
  });

  it('deleting a product takes its scope off every client, and only once', async () => {
    await h.adapter.createApiProduct({ id: 'weather', description: 'Weather API' });
    await h.adapter.setClientApiProducts(client.id, ['tracks', 'weather']);
    await h.adapter.deleteApiProduct('weather');
    expect((await h.adapter.getClient(client.id)).scopes).toEqual([h.adapter.scopeFor('tracks')]);
    expect((await h.adapter.listApiProducts()).map((p) => p.scope)).not.toContain(h.adapter.scopeFor('weather'));
    await expectIdpError(h.adapter.deleteApiProduct('weather'), 'not_found');
    expect(await tokenScopes(client, 'tracks')).toEqual([h.adapter.scopeFor('tracks')]);
  });

  it('delete client: no more tokens, and a second delete is not_found', async () => {
    await h.adapter.deleteClient(client.id);
    const res = await token(client, 'tracks');
    expect(res.body.error).toBe('invalid_client');
    await expectIdpError(h.adapter.getClient(client.id), 'not_found');
    await expectIdpError(h.adapter.deleteClient(client.id), 'not_found');
    expect((await h.adapter.listClients()).map((c) => c.clientId)).not.toContain(client.id);
  });
});

// Application types: web, spa and native clients, their redirect URIs, the code flow
// with PKCE, refresh, and private_key_jwt, on every adapter. Where an IdP
// cannot do something, features().limits must say so and the adapter must
// refuse rather than pretend.
describe.each(factories)('$kind adapter: application types', (factory) => {
  let h: AdapterHarness;
  let discovery: IdpDiscovery;
  let features: IdpFeatures;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  const SPA = 'http://127.0.0.1:5173/callback';
  const WEB = 'https://app.example.com/oauth/callback';

  beforeAll(async () => {
    h = await factory.start();
    discovery = await h.adapter.discovery();
    features = h.adapter.features();
    jwks = createRemoteJWKSet(new URL(discovery.jwksUri));
    await h.adapter.createApiProduct({ id: 'tracks', description: 'Tracks API' });
    await h.adapter.createApiProduct({ id: 'petstore', description: 'Petstore API' });
  });
  afterAll(() => h?.stop());

  const userScope = (...ids: string[]) => [...features.userScopes, ...ids.map((id) => h.adapter.scopeFor(id))].join(' ');

  function authorizeUrl(clientId: string, redirectUri: string, scope: string, challenge?: string) {
    return `${features.authorizationEndpoint}?${new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope,
      state: 'conformance-state',
      ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
    })}`;
  }

  async function tokenRequest(form: Record<string, string>, client: { id: string; secret?: string }) {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (client.secret) headers.authorization = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
    else form = { ...form, client_id: client.id };
    const res = await fetch(discovery.tokenEndpoint, { method: 'POST', headers, body: new URLSearchParams(form) });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  }

  /** Code + PKCE as a browser app runs it; the tokens, or the error at either end. */
  async function signIn(client: { id: string; secret?: string }, redirectUri: string, scope: string) {
    const { verifier, challenge } = pkcePair();
    const { redirect } = await h.authorize(authorizeUrl(client.id, redirectUri, scope, challenge));
    expect(redirect?.origin + redirect!.pathname).toBe(redirectUri);
    expect(redirect!.searchParams.get('state')).toBe('conformance-state');
    const code = redirect!.searchParams.get('code');
    if (!code) return { error: redirect!.searchParams.get('error') };
    const res = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }, client);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { tokens: res.body };
  }

  async function productScopes(accessToken: string) {
    const { payload } = await jwtVerify(accessToken, jwks, { issuer: discovery.issuer });
    const products = ['tracks', 'petstore'].map((id) => h.adapter.scopeFor(id));
    return scopesOf(payload, discovery).filter((s) => products.includes(s));
  }

  let spa: { id: string; secret?: string };

  it('creates a spa client: public, no secret, its redirect URIs as registered', async () => {
    const created = await h.adapter.createAppClient({
      appId: 'conformance-spa',
      settings: { type: 'spa', redirectUris: [SPA], postLogoutRedirectUris: ['http://127.0.0.1:5173/'] },
    });
    expect(created.clientSecret).toBeUndefined();
    spa = { id: created.clientId };
    const client = await h.adapter.getClient(spa.id);
    expect(client).toMatchObject({ clientName: 'lanyard-conformance-spa', scopes: [], redirectUris: [SPA], authMethod: 'none' });
    // Cognito has no client types: a public client could be spa or native.
    if (client.type !== undefined) expect(client.type).toBe('spa');
  });

  it('code + PKCE: a token with exactly the subscribed products; an unsubscribed one is refused at the IdP', async () => {
    await h.adapter.setClientApiProducts(spa.id, ['tracks']);
    expect((await h.adapter.getClient(spa.id)).scopes).toEqual([h.adapter.scopeFor('tracks')]);
    const { tokens } = await signIn(spa, SPA, userScope('tracks'));
    expect(await productScopes(tokens!.access_token!)).toEqual([h.adapter.scopeFor('tracks')]);
    const refused = await signIn(spa, SPA, userScope('tracks', 'petstore'));
    expect(h.refusedScopeErrors).toContain(refused.error);
  });

  it('one sign-in, several products, once both are subscribed', async () => {
    await h.adapter.setClientApiProducts(spa.id, ['tracks', 'petstore']);
    const { tokens } = await signIn(spa, SPA, userScope('tracks', 'petstore'));
    expect((await productScopes(tokens!.access_token!)).sort()).toEqual(
      [h.adapter.scopeFor('petstore'), h.adapter.scopeFor('tracks')].sort(),
    );
    await h.adapter.setClientApiProducts(spa.id, ['tracks']);
  });

  it('an unregistered redirect URI is refused at the IdP, with no redirect to it', async () => {
    for (const uri of ['http://127.0.0.1:5174/callback', `${SPA}/extra`]) {
      const { redirect, status } = await h.authorize(authorizeUrl(spa.id, uri, userScope('tracks'), pkcePair().challenge));
      expect(status).toBe(400);
      expect(redirect).toBeUndefined();
    }
  });

  it('refresh: a new access token; the refresh token rotates where the IdP rotates them', async () => {
    const { tokens } = await signIn(spa, SPA, userScope('tracks'));
    expect(tokens!.refresh_token).toBeTypeOf('string');
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens!.refresh_token! }, spa);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(await productScopes(refreshed.body.access_token!)).toEqual([h.adapter.scopeFor('tracks')]);
    if (features.limits.refreshTokenRotation) {
      expect(refreshed.body.refresh_token ?? tokens!.refresh_token).toBe(tokens!.refresh_token);
      return;
    }
    expect(refreshed.body.refresh_token).toBeTypeOf('string');
    expect(refreshed.body.refresh_token).not.toBe(tokens!.refresh_token);
    // Reuse of the rotated one: refused, and the whole family with it.
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens!.refresh_token! }, spa)).body.error).toBe(
      'invalid_grant',
    );
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token! }, spa)).body.error).toBe(
      'invalid_grant',
    );
  });

  it('the owner edits the redirect URIs: the new one works, the old one is refused', async () => {
    const next = 'http://localhost:8080/callback';
    await h.adapter.updateClientSettings(spa.id, { type: 'spa', redirectUris: [next], postLogoutRedirectUris: [] });
    expect((await h.adapter.getClient(spa.id)).redirectUris).toEqual([next]);
    expect((await h.authorize(authorizeUrl(spa.id, SPA, userScope('tracks'), pkcePair().challenge))).status).toBe(400);
    expect(await productScopes((await signIn(spa, next, userScope('tracks'))).tokens!.access_token!)).toEqual([
      h.adapter.scopeFor('tracks'),
    ]);
    // Subscriptions survive the edit (Cognito's update resets what it is not sent).
    expect((await h.adapter.getClient(spa.id)).scopes).toEqual([h.adapter.scopeFor('tracks')]);
  });

  it('a type cannot change', async () => {
    await expectIdpError(
      h.adapter.updateClientSettings(spa.id, { type: 'service', redirectUris: [], postLogoutRedirectUris: [] }),
      'invalid_input',
    );
  });

  it('a web client is confidential: its code is exchanged with its secret, never without', async () => {
    const created = await h.adapter.createAppClient({
      appId: 'conformance-web',
      settings: { type: 'web', redirectUris: [WEB], postLogoutRedirectUris: [] },
    });
    expect(created.clientSecret).toBeTypeOf('string');
    const web = { id: created.clientId, secret: created.clientSecret };
    await h.adapter.setClientApiProducts(web.id, ['petstore']);
    const { verifier, challenge } = pkcePair();
    const { redirect } = await h.authorize(authorizeUrl(web.id, WEB, userScope('petstore'), challenge));
    const form = {
      grant_type: 'authorization_code',
      code: redirect!.searchParams.get('code')!,
      redirect_uri: WEB,
      code_verifier: verifier,
    };
    expect((await tokenRequest({ ...form }, { id: web.id })).body.error).toBe('invalid_client');
    const { tokens } = await signIn(web, WEB, userScope('petstore'));
    expect(await productScopes(tokens!.access_token!)).toEqual([h.adapter.scopeFor('petstore')]);
    if (h.adapter.readClientSecret) expect(await h.adapter.readClientSecret(web.id)).toBe(web.secret);
  });

  it('a native client: public, loopback redirect', async () => {
    const created = await h.adapter.createAppClient({
      appId: 'conformance-native',
      settings: { type: 'native', redirectUris: ['http://127.0.0.1:7777/callback'], postLogoutRedirectUris: [] },
    });
    expect(created.clientSecret).toBeUndefined();
    await h.adapter.setClientApiProducts(created.clientId, ['tracks']);
    const { tokens } = await signIn({ id: created.clientId }, 'http://127.0.0.1:7777/callback', userScope('tracks'));
    expect(await productScopes(tokens!.access_token!)).toEqual([h.adapter.scopeFor('tracks')]);
  });

  it('private_key_jwt service clients, where the IdP supports them', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'conformance-key', alg: 'RS256', use: 'sig' };
    const settings = { type: 'service' as const, redirectUris: [], postLogoutRedirectUris: [], signingKeys: { jwks: { keys: [jwk] } } };
    if (features.limits.privateKeyJwt) {
      await expectIdpError(h.adapter.createAppClient({ appId: 'conformance-pkjwt', settings }), 'invalid_input');
      return;
    }
    const created = await h.adapter.createAppClient({ appId: 'conformance-pkjwt', settings });
    expect(created.clientSecret).toBeUndefined();
    expect((await h.adapter.getClient(created.clientId)).authMethod).toBe('private_key_jwt');
    await h.adapter.setClientApiProducts(created.clientId, ['tracks']);
    const assertion = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'conformance-key' })
        .setIssuer(created.clientId)
        .setSubject(created.clientId)
        // The token endpoint URL: the audience both oidc-provider and Okta accept.
        .setAudience(discovery.tokenEndpoint)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(privateKey);
    const once = await assertion();
    const form = {
      grant_type: 'client_credentials',
      scope: h.adapter.scopeFor('tracks'),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: once,
    };
    const res = await fetch(discovery.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const body = (await res.json()) as Record<string, string>;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(await productScopes(body.access_token!)).toEqual([h.adapter.scopeFor('tracks')]);
    const replay = await fetch(discovery.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    expect(((await replay.json()) as Record<string, string>).error).toBe('invalid_client');
  });

  it('says what it cannot do, in words', () => {
    for (const reason of Object.values(features.limits)) expect(reason.length).toBeGreaterThan(30);
    if (!h.adapter.setClientTokenExchange) expect(features.limits.tokenExchange).toBeTruthy();
    if (!discovery.resourceIndicators) expect(features.limits.resourceIndicators).toBeTruthy();
  });
});
