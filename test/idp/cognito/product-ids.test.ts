import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import { IdpError } from '@/lib/idp/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { clientCredentials } from '../../helpers/token-request';
import { startCognitoStandIn, type CognitoStandIn } from '../../stand-ins/cognito';

// Seed 001: with Cognito the API product id may be the scope itself, a URI
// under the resource server (`https://api.example.com/tracks`). A plain id
// (`tracks`) becomes `<resource-server>/tracks`: the same scope.

async function errorCode(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IdpError);
  return (err as IdpError).code;
}

describe('cognito adapter: URI product ids', () => {
  let standIn: CognitoStandIn;
  let adapter: IdpAdapter;

  beforeAll(async () => {
    standIn = await startCognitoStandIn({ resourceServer: 'https://api.example.com' });
    adapter = cognitoAdapter(standIn.adapterOptions);
  });
  afterAll(() => standIn?.stop());

  it('a URI id under the resource server is its own scope', async () => {
    expect(adapter.scopeFor('https://api.example.com/tracks')).toBe('https://api.example.com/tracks');
    expect(adapter.scopeFor('tracks')).toBe('https://api.example.com/tracks');
    const created = await adapter.createApiProduct({ id: 'https://api.example.com/tracks', description: 'Tracks API' });
    expect(created).toEqual({ id: 'https://api.example.com/tracks', scope: 'https://api.example.com/tracks', description: 'Tracks API' });
    // On the resource server it is the scope name `tracks`.
    expect(standIn.pool.resourceServers.get('https://api.example.com')?.Scopes).toEqual([
      { ScopeName: 'tracks', ScopeDescription: 'Tracks API' },
    ]);
  });

  it('the plain id names the same scope: creating it again is a conflict', async () => {
    expect(await errorCode(adapter.createApiProduct({ id: 'tracks' }))).toBe('conflict');
    expect(await adapter.listApiProducts()).toEqual([{ id: 'tracks', scope: 'https://api.example.com/tracks', description: 'Tracks API' }]);
  });

  it('a client subscribed by URI id gets the scope in its token', async () => {
    const created = await adapter.createClient({ appId: 'uri-app' });
    await adapter.setClientApiProducts(created.clientId, ['https://api.example.com/tracks']);
    expect((await adapter.getClient(created.clientId)).scopes).toEqual(['https://api.example.com/tracks']);
    const res = await clientCredentials(
      standIn.tokenEndpoint,
      { id: created.clientId, secret: created.clientSecret },
      { scope: 'https://api.example.com/tracks' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const claims = decodeJwt(String(res.body.access_token));
    expect(claims).toMatchObject({
      scope: 'https://api.example.com/tracks',
      token_use: 'access',
      client_id: created.clientId,
      sub: created.clientId,
    });
    expect(claims.aud).toBeUndefined();
    // Subscribing by the plain id is the same subscription.
    await adapter.setClientApiProducts(created.clientId, ['tracks']);
    expect((await adapter.getClient(created.clientId)).scopes).toEqual(['https://api.example.com/tracks']);
  });

  it('a URI elsewhere, or one whose scope name would hold a "/", is invalid input', async () => {
    expect(await errorCode(adapter.createApiProduct({ id: 'https://other.example.com/tracks' }))).toBe('invalid_input');
    expect(await errorCode(adapter.createApiProduct({ id: 'https://api.example.com/tracks/v2' }))).toBe('invalid_input');
    expect(await errorCode(adapter.createApiProduct({ id: 'https://api.example.com/' }))).toBe('invalid_input');
    expect(await errorCode(adapter.createApiProduct({ id: 'Tracks API' }))).toBe('invalid_input');
  });

  it('such ids cannot name an existing product either', async () => {
    const created = await adapter.createClient({ appId: 'uri-app-2' });
    expect(await errorCode(adapter.setClientApiProducts(created.clientId, ['https://other.example.com/tracks']))).toBe('not_found');
    expect(await errorCode(adapter.deleteApiProduct('https://other.example.com/tracks'))).toBe('not_found');
  });

  it('deleting by URI id removes the scope', async () => {
    await adapter.deleteApiProduct('https://api.example.com/tracks');
    expect(await adapter.listApiProducts()).toEqual([]);
    expect(await errorCode(adapter.deleteApiProduct('tracks'))).toBe('not_found');
  });
});
