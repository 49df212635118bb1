import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAppClient } from '@/lib/idp/types';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';

// private_key_jwt client authentication (RFC 7523 §2.2, OIDC Core §9) for
// service clients on the embedded IdP: the client registers public keys and
// signs a one-time assertion per token request; it holds no secret.

let idp: RunningIdp;
let client: CreatedAppClient;
let privateKey: CryptoKey;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await idp.adapter.createApiProduct({ id: 'tracks', description: 'Tracks API' });
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  client = await idp.adapter.createAppClient({
    appId: 'signing-service',
    settings: { type: 'service', redirectUris: [], postLogoutRedirectUris: [], signingKeys: { jwks: { keys: [jwk] } } },
  });
  await idp.adapter.setClientApiProducts(client.clientId, ['tracks']);
});
afterAll(() => idp?.stop());

function assertion(claims: { aud?: string; jti?: string; key?: CryptoKey; alg?: string; kid?: string; clientId?: string } = {}) {
  const clientId = claims.clientId ?? client.clientId;
  return new SignJWT({})
    .setProtectedHeader({ alg: claims.alg ?? 'RS256', kid: claims.kid ?? 'key-1' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(claims.aud ?? `${idp.issuer}/token`)
    .setJti(claims.jti ?? randomUUID())
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(claims.key ?? privateKey);
}

async function token(form: Record<string, string>) {
  const res = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...form }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('private_key_jwt', () => {
  it('has no secret, and the IdP reports the method', async () => {
    expect(client.clientSecret).toBeUndefined();
    expect((await idp.adapter.getClient(client.clientId)).authMethod).toBe('private_key_jwt');
  });

  it('a signed assertion gets a token with the subscribed scope', async () => {
    const res = await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion(), scope: 'tracks' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(decodeJwt(res.body.access_token!)).toMatchObject({ client_id: client.clientId, scope: 'tracks' });
  });

  it('accepts the issuer as audience too (draft-ietf-oauth-rfc7523bis)', async () => {
    const res = await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion({ aud: idp.issuer }) });
    expect(res.status).toBe(200);
  });

  it('refuses a replayed assertion (its jti is remembered until it expires)', async () => {
    const once = await assertion();
    expect((await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: once })).status).toBe(200);
    const again = await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: once });
    expect(again.body.error).toBe('invalid_client');
  });

  it('refuses an assertion signed by another key, and any secret', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey;
    expect((await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion({ key: stranger }) })).body.error).toBe(
      'invalid_client',
    );
    expect((await token({ client_id: client.clientId, client_secret: 'guess' })).body.error).toBe('invalid_client');
  });

  it('the owner replaces the keys: the old key stops working at once', async () => {
    const next = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(next.publicKey)), kid: 'key-2', alg: 'ES256', use: 'sig' };
    await idp.adapter.updateClientSettings(client.clientId, {
      type: 'service',
      redirectUris: [],
      postLogoutRedirectUris: [],
      signingKeys: { jwks: { keys: [jwk] } },
    });
    expect((await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion() })).body.error).toBe('invalid_client');
    const signed = await assertion({ alg: 'ES256', kid: 'key-2', key: next.privateKey });
    expect((await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: signed })).status).toBe(200);
  });

  it('a jwks_uri on a private address is never fetched (oidc-provider filters special-use IPs)', async () => {
    let fetched = false;
    const server = createServer((_req, res) => {
      fetched = true;
      res.end('{"keys":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const other = await idp.adapter.createAppClient({
        appId: 'uri-service',
        settings: {
          type: 'service',
          redirectUris: [],
          postLogoutRedirectUris: [],
          signingKeys: { jwksUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` },
        },
      });
      const signed = await assertion({ clientId: other.clientId });
      expect((await token({ client_assertion_type: ASSERTION_TYPE, client_assertion: signed })).body.error).toBe('invalid_client');
      expect(fetched).toBe(false);
    } finally {
      server.close();
    }
  });
});
