import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdpError } from '@/lib/idp/errors';
import type { IdpDiscovery } from '@/lib/idp/types';
import type { AdapterHarness, HarnessFactory } from '../helpers/adapter-harness';
import { clientCredentials } from '../helpers/token-request';

// The IdP Connect SPI contract, one suite for every adapter (docs/architecture.md,
// "The IdP Connect SPI"): each adapter must make the IdP issue tokens with exactly the
// subscribed products' scopes, refuse the rest, and answer repeated or wrong
// calls with the typed errors. Adapters run against the embedded IdP or the
// cloud stand-ins in test/stand-ins/, through the SDK calls production makes.

const factories = Object.values(import.meta.glob<{ harness: HarnessFactory }>('../helpers/harness/*.ts', { eager: true })).map(
  (m) => m.harness,
);

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
