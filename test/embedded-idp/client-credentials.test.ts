import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { clientCredentials } from '../helpers/token-request';

// RFC 6749 §4.4 (client credentials) on the embedded IdP, over HTTP, with the
// per-client API scopes Lanyard manages, RFC 8707 resource indicators and
// RFC 9068 JWT access tokens.

let idp: RunningIdp;
let client: { id: string; secret: string };
let tokenEndpoint: string;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await idp.adapter.createApiProduct({ id: 'tracks', description: 'Tracks API' });
  await idp.adapter.createApiProduct({ id: 'petstore' });
  const created = await idp.adapter.createClient({ appId: 'app1' });
  client = { id: created.clientId, secret: created.clientSecret };
  await idp.adapter.setClientApiProducts(created.clientId, ['tracks']);
  tokenEndpoint = (await idp.adapter.discovery()).tokenEndpoint;
});

afterAll(() => idp?.stop());

describe('RFC 6749 §4.4 client_credentials with API scopes', () => {
  it('issues a JWT access token (RFC 9068) carrying exactly the granted scope', async () => {
    const res = await clientCredentials(tokenEndpoint, client, { scope: 'tracks' });
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body.scope).toBe('tracks');
    const token = String(res.body.access_token);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload } = await jwtVerify(token, jwks, { issuer: idp.issuer, audience: `${idp.portalUrl}/apis` });
    expect(payload).toMatchObject({ scope: 'tracks', client_id: client.id, sub: client.id });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('refuses a scope the client was not granted with invalid_scope, not by dropping it', async () => {
    const res = await clientCredentials(tokenEndpoint, client, { scope: 'tracks petstore' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_scope', error_description: 'requested scope is not allowed' });
  });

  it('refuses a scope no product has', async () => {
    const res = await clientCredentials(tokenEndpoint, client, { scope: 'admin' });
    expect(res.body.error).toBe('invalid_scope');
  });

  it('grants every scope the client holds when none is asked for', async () => {
    await idp.adapter.setClientApiProducts(client.id, ['tracks', 'petstore']);
    const res = await clientCredentials(tokenEndpoint, client);
    expect(res.status).toBe(200);
    expect(String(res.body.scope).split(' ').sort()).toEqual(['petstore', 'tracks']);
    await idp.adapter.setClientApiProducts(client.id, ['tracks']);
  });

  it('follows a change of subscriptions at the very next request', async () => {
    await idp.adapter.setClientApiProducts(client.id, []);
    expect((await clientCredentials(tokenEndpoint, client, { scope: 'tracks' })).body.error).toBe('invalid_scope');
    await idp.adapter.setClientApiProducts(client.id, ['tracks']);
    expect((await clientCredentials(tokenEndpoint, client, { scope: 'tracks' })).status).toBe(200);
  });

  it('rejects a wrong secret with invalid_client', async () => {
    const res = await clientCredentials(tokenEndpoint, { id: client.id, secret: 'wrong' }, { scope: 'tracks' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('never stores the secret itself', async () => {
    const rows = await idp.testDb.db.oidcPayload.findMany();
    expect(rows.some((r) => r.payload.includes(client.secret))).toBe(false);
    const settings = await idp.testDb.db.idpSetting.findMany();
    expect(settings.some((r) => r.value.includes(client.secret))).toBe(false);
  });
});

describe('RFC 8707 resource indicators: a token for one product', () => {
  it('names the product in aud and carries only its scope', async () => {
    await idp.adapter.setClientApiProducts(client.id, ['tracks', 'petstore']);
    const resource = `${idp.portalUrl}/apis/tracks`;
    const res = await clientCredentials(tokenEndpoint, client, { resource });
    expect(res.status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload } = await jwtVerify(String(res.body.access_token), jwks, { issuer: idp.issuer, audience: resource });
    expect(payload.scope).toBe('tracks');
    await idp.adapter.setClientApiProducts(client.id, ['tracks']);
  });

  it('refuses a product the client is not subscribed to with invalid_target', async () => {
    const res = await clientCredentials(tokenEndpoint, client, { resource: `${idp.portalUrl}/apis/petstore` });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_target');
  });
});

describe('secret rotation: two live secrets', () => {
  it('accepts old and new secret until the old one is retired', async () => {
    const created = await idp.adapter.createClient({ appId: 'rotating' });
    await idp.adapter.setClientApiProducts(created.clientId, ['tracks']);
    const rotated = await idp.adapter.rotateClientSecret!(created.clientId);
    const oldOne = { id: created.clientId, secret: created.clientSecret };
    const newOne = { id: created.clientId, secret: rotated.clientSecret };
    expect((await clientCredentials(tokenEndpoint, oldOne)).status).toBe(200);
    expect((await clientCredentials(tokenEndpoint, newOne)).status).toBe(200);
    await idp.adapter.retireClientSecret!(created.clientId, created.secretId!);
    expect((await clientCredentials(tokenEndpoint, oldOne)).body.error).toBe('invalid_client');
    expect((await clientCredentials(tokenEndpoint, newOne)).status).toBe(200);
  });
});

describe('persistence across a restart', () => {
  it('keeps its signing key, clients and scopes', async () => {
    const before = await clientCredentials(tokenEndpoint, client, { scope: 'tracks' });
    idp = await idp.restart();
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    await expect(jwtVerify(String(before.body.access_token), jwks, { issuer: idp.issuer })).resolves.toBeTruthy();
    const after = await clientCredentials(tokenEndpoint, client, { scope: 'tracks' });
    expect(after.status).toBe(200);
  });
});
