import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import { IdpError } from '@/lib/idp/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { startCognitoStandIn, type CognitoStandIn } from '../../stand-ins/cognito';

// How the Cognito adapter maps the portal's application types onto app
// clients: a type is exactly one OAuth flow (Cognito cannot
// combine client_credentials with code); web, spa and native clients get the
// code flow, their callback and logout URLs, `openid profile` plus the
// product scopes; public ones (spa, native) get no secret.

let cognito: CognitoStandIn;
let adapter: IdpAdapter;
const rs = 'https://api.example.com';
const urls = { redirectUris: ['https://app.example.com/cb'], postLogoutRedirectUris: ['https://app.example.com/'] };

beforeEach(async () => {
  cognito = await startCognitoStandIn({ resourceServer: rs });
  adapter = cognitoAdapter(cognito.adapterOptions);
  for (const id of ['tracks', 'petstore']) await adapter.createApiProduct({ id, description: `${id} API` });
});
afterEach(() => cognito.stop());

const stored = (clientId: string) => cognito.pool.clients.get(clientId)!;

describe('Cognito adapter: application types', () => {
  it.each([
    ['spa', false],
    ['native', false],
    ['web', true],
  ] as const)('%s: the code flow only, its URLs, openid profile; a secret: %s', async (type, secret) => {
    const created = await adapter.createAppClient({ appId: `app-${type}`, settings: { type, ...urls } });
    expect(!!created.clientSecret).toBe(secret);
    expect(stored(created.clientId).secrets).toHaveLength(secret ? 1 : 0);
    expect(stored(created.clientId).settings).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'profile'],
      CallbackURLs: urls.redirectUris,
      LogoutURLs: urls.postLogoutRedirectUris,
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  it('subscribing adds product scopes and keeps the flow, the URLs and the OIDC scopes', async () => {
    const created = await adapter.createAppClient({ appId: 'spa', settings: { type: 'spa', ...urls } });
    await adapter.setClientApiProducts(created.clientId, ['tracks']);
    expect(stored(created.clientId).settings).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'profile', `${rs}/tracks`],
      CallbackURLs: urls.redirectUris,
    });
    expect((await adapter.getClient(created.clientId)).scopes).toEqual([`${rs}/tracks`]);
    await adapter.deleteApiProduct('tracks');
    expect(stored(created.clientId).settings).toMatchObject({ AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'profile'] });
  });

  it('refuses private_key_jwt, which Cognito does not offer, and creates nothing', async () => {
    const err = await adapter
      .createAppClient({
        appId: 'pkjwt',
        settings: {
          type: 'service',
          redirectUris: [],
          postLogoutRedirectUris: [],
          signingKeys: { jwksUri: 'https://keys.example.com/jwks' },
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdpError);
    expect((err as IdpError).message).toMatch(/client_secret_basic and client_secret_post/);
    expect(cognito.pool.clients.size).toBe(0);
  });

  it('the service refuses an http callback that is not loopback (the stand-in checks as Cognito does)', async () => {
    const err = await adapter
      .createAppClient({ appId: 'web', settings: { type: 'web', redirectUris: ['http://app.example.com/cb'], postLogoutRedirectUris: [] } })
      .catch((e: unknown) => e);
    expect((err as IdpError).code).toBe('invalid_input');
  });

  it('a public client has no secret to rotate', async () => {
    const created = await adapter.createAppClient({ appId: 'spa', settings: { type: 'spa', ...urls } });
    expect((await adapter.rotateClientSecret!(created.clientId).catch((e: IdpError) => e)) as IdpError).toMatchObject({
      code: 'invalid_input',
    });
  });
});
