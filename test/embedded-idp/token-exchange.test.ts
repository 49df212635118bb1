import { decodeJwt, SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productResource } from '@/lib/idp/embedded';
import type { CreatedClient } from '@/lib/idp/types';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { clientCredentials } from '../helpers/token-request';

// RFC 8693 token exchange on the embedded IdP. The tracks API's
// backend (a service client) receives a caller's token and exchanges it for a
// token audience-restricted to petstore. Policy at issuance: tracks must
// declare that it calls petstore through this client, the client must be
// subscribed to petstore, and the scopes are its subscription ∩ the subject
// token's scopes. `act` names the client.

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

let idp: RunningIdp;
let caller: CreatedClient; // an app calling tracks
let backend: CreatedClient; // tracks' own service client

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  for (const id of ['tracks', 'petstore', 'weather']) await idp.adapter.createApiProduct({ id, description: `${id} API` });
  caller = await idp.adapter.createClient({ appId: 'caller' });
  backend = await idp.adapter.createClient({ appId: 'tracks-backend' });
  await idp.adapter.setClientApiProducts(caller.clientId, ['tracks', 'petstore']);
  await idp.adapter.setClientApiProducts(backend.clientId, ['petstore']);
  await idp.adapter.setClientTokenExchange!(backend.clientId, [{ fromApiProductId: 'tracks', toApiProductIds: ['petstore', 'weather'] }]);
});
afterAll(() => idp?.stop());

async function callerToken(params: Record<string, string> = {}) {
  const res = await clientCredentials(`${idp.issuer}/token`, { id: caller.clientId, secret: caller.clientSecret }, params);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return String(res.body.access_token);
}

function exchange(subjectToken: string, form: Record<string, string> = {}, as: CreatedClient = backend) {
  return clientCredentials(
    `${idp.issuer}/token`,
    { id: as.clientId, secret: as.clientSecret },
    {
      grant_type: GRANT,
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN,
      resource: productResource(idp.portalUrl, 'petstore'),
      ...form,
    },
  );
}

describe('token exchange (RFC 8693)', () => {
  it('moves the audience to the downstream product, keeps the subject, and records the actor', async () => {
    const subject = await callerToken();
    const res = await exchange(subject);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ issued_token_type: ACCESS_TOKEN, token_type: 'Bearer', scope: 'petstore' });
    const claims = decodeJwt(String(res.body.access_token));
    expect(claims).toMatchObject({
      aud: productResource(idp.portalUrl, 'petstore'),
      scope: 'petstore',
      sub: caller.clientId,
      client_id: backend.clientId,
      act: { sub: backend.clientId },
    });
    expect(claims.exp!).toBeLessThanOrEqual(decodeJwt(subject).exp!);
  });

  it('accepts the downstream product by its id as `audience`', async () => {
    const res = await exchange(await callerToken(), { resource: '', audience: 'petstore' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('refuses a downstream product the client is not subscribed to', async () => {
    const res = await exchange(await callerToken(), { resource: productResource(idp.portalUrl, 'weather') });
    expect(res.body).toMatchObject({ error: 'invalid_target', error_description: expect.stringMatching(/not subscribed to weather/) });
  });

  it('refuses a product the API does not declare that it calls', async () => {
    await idp.adapter.setClientApiProducts(backend.clientId, ['petstore', 'tracks']);
    try {
      const res = await exchange(await callerToken(), { resource: productResource(idp.portalUrl, 'tracks') });
      expect(res.body).toMatchObject({ error: 'invalid_target', error_description: expect.stringMatching(/does not declare/) });
    } finally {
      await idp.adapter.setClientApiProducts(backend.clientId, ['petstore']);
    }
  });

  it('never grants more than the subject token had: a token for tracks alone cannot become petstore', async () => {
    const onlyTracks = await callerToken({ resource: productResource(idp.portalUrl, 'tracks'), scope: 'tracks' });
    const res = await exchange(onlyTracks);
    expect(res.body).toMatchObject({ error: 'invalid_scope' });
  });

  it('refuses a subject token that is not for this API', async () => {
    const onlyPetstore = await callerToken({ resource: productResource(idp.portalUrl, 'petstore'), scope: 'petstore' });
    expect((await exchange(onlyPetstore)).body).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/not for an API/),
    });
  });

  it('refuses a forged or foreign subject token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ scope: 'tracks petstore', client_id: caller.clientId })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' })
      .setIssuer(idp.issuer)
      .setSubject('someone')
      .setAudience(`${idp.portalUrl}/apis`)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await exchange(forged)).body).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(/not valid/),
    });
  });

  it('refuses clients without a declared relationship, actor tokens, and other token types', async () => {
    const subject = await callerToken();
    const other = await exchange(subject, {}, caller);
    expect(other.body.error).toMatch(/invalid_request|unauthorized_client/);
    expect((await exchange(subject, { actor_token: subject, actor_token_type: ACCESS_TOKEN })).body.error).toBe('invalid_request');
    expect((await exchange(subject, { requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' })).body.error).toBe(
      'invalid_request',
    );
  });

  it('an exchanged token exchanged again nests the previous actor', async () => {
    const first = String((await exchange(await callerToken())).body.access_token);
    const hop2 = await idp.adapter.createClient({ appId: 'petstore-backend' });
    await idp.adapter.setClientApiProducts(hop2.clientId, ['weather']);
    await idp.adapter.setClientTokenExchange!(hop2.clientId, [{ fromApiProductId: 'petstore', toApiProductIds: ['weather'] }]);
    // The first token holds petstore only, so weather is beyond it: refused.
    expect((await exchange(first, { resource: productResource(idp.portalUrl, 'weather') }, hop2)).body.error).toBe('invalid_scope');
    await idp.adapter.setClientTokenExchange!(hop2.clientId, [{ fromApiProductId: 'petstore', toApiProductIds: ['petstore'] }]);
    await idp.adapter.setClientApiProducts(hop2.clientId, ['petstore']);
    const second = await exchange(first, {}, hop2);
    expect(decodeJwt(String(second.body.access_token)).act).toEqual({ sub: hop2.clientId, act: { sub: backend.clientId } });
  });

  it('clearing the relationships takes the grant away', async () => {
    await idp.adapter.setClientTokenExchange!(backend.clientId, []);
    expect((await exchange(await callerToken())).body.error).toBe('invalid_request');
    await idp.adapter.setClientTokenExchange!(backend.clientId, [{ fromApiProductId: 'tracks', toApiProductIds: ['petstore', 'weather'] }]);
  });
});
