import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oktaAdapter } from '@/lib/idp/okta/adapter';
import type { IdpAdapter } from '@/lib/idp/types';
import { pkcePair } from '../../helpers/code-flow';
import { startOktaStandIn, type OktaStandIn, type OktaStandInOptions } from '../../stand-ins/okta';

// How the Okta adapter maps the portal's application types onto Okta OIDC
// apps, as the stand-in holds them: `browser` for spa with
// `token_endpoint_auth_method: none` and `pkce_required: true`, refresh
// tokens rotated for public clients, the Everyone group assigned, and an
// access policy whose rule grants authorization_code for the OIDC scopes
// and exactly the subscribed products.

let okta: OktaStandIn;
let adapter: IdpAdapter;

async function start(options: OktaStandInOptions = {}) {
  okta = await startOktaStandIn(options);
  adapter = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: okta.authServerId });
  for (const id of ['tracks', 'petstore']) await adapter.createApiProduct({ id, description: `${id} API` });
}

beforeEach(() => start());
afterEach(() => okta.stop());

const appOf = (clientId: string) => [...okta.org.apps.values()].find((a) => a.credentials.oauthClient.client_id === clientId)!;
const ruleOf = (clientId: string) => okta.org.server.policies.find((p) => p.conditions.clients.include.includes(clientId))?.rules[0];
const urls = { redirectUris: ['http://127.0.0.1:5173/callback'], postLogoutRedirectUris: ['http://127.0.0.1:5173/'] };

/** Where /v1/authorize sends the browser for this client and scope. */
async function authorizeRedirect(clientId: string, scope: string): Promise<URL> {
  const { issuer } = await adapter.discovery();
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: urls.redirectUris[0]!,
    scope,
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'S256',
  });
  const res = await fetch(`${issuer}/v1/authorize?${query}`, { redirect: 'manual' });
  return new URL(res.headers.get('location')!);
}

describe('Okta adapter: application types', () => {
  it.each([
    ['spa', 'browser', 'none', 'ROTATE'],
    ['native', 'native', 'none', 'ROTATE'],
    ['web', 'web', 'client_secret_basic', 'STATIC'],
  ] as const)('%s → an Okta %s app, %s at the token endpoint, %s refresh tokens', async (type, oktaType, method, rotation) => {
    const created = await adapter.createAppClient({ appId: `app-${type}`, settings: { type, ...urls } });
    const app = appOf(created.clientId);
    expect(app.settings.oauthClient).toMatchObject({
      application_type: oktaType,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: urls.redirectUris,
      post_logout_redirect_uris: urls.postLogoutRedirectUris,
      refresh_token: { rotation_type: rotation },
    });
    expect(app.credentials.oauthClient).toMatchObject({ token_endpoint_auth_method: method, pkce_required: true });
    expect(app.secrets).toHaveLength(method === 'none' ? 0 : 1);
    expect(app.groups).toEqual([okta.org.groups.find((g) => g.profile.name === 'Everyone')!.id]);
    // People can sign in before any subscription: the rule names the OIDC scopes.
    expect(ruleOf(created.clientId)?.conditions.grantTypes.include).toEqual(['authorization_code']);
    expect(ruleOf(created.clientId)?.conditions.scopes.include.sort()).toEqual(['email', 'offline_access', 'openid', 'profile']);
  });

  it('subscribing adds exactly the product scopes to the authorization_code rule', async () => {
    const created = await adapter.createAppClient({ appId: 'spa', settings: { type: 'spa', ...urls } });
    await adapter.setClientApiProducts(created.clientId, ['tracks']);
    expect(ruleOf(created.clientId)?.conditions.scopes.include.sort()).toEqual(['email', 'offline_access', 'openid', 'profile', 'tracks']);
    expect((await adapter.getClient(created.clientId)).scopes).toEqual(['tracks']);
    await adapter.setClientApiProducts(created.clientId, []);
    expect(ruleOf(created.clientId)?.conditions.scopes.include).not.toContain('tracks');
  });

  it('a private_key_jwt service app holds its JWKS and no secret', async () => {
    const jwks = {
      keys: [
        {
          kty: 'EC',
          crv: 'P-256',
          x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
          y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          kid: 'k1',
        },
      ],
    };
    const created = await adapter.createAppClient({
      appId: 'pkjwt',
      settings: { type: 'service', redirectUris: [], postLogoutRedirectUris: [], signingKeys: { jwks } },
    });
    const app = appOf(created.clientId);
    expect(app.credentials.oauthClient.token_endpoint_auth_method).toBe('private_key_jwt');
    expect(app.settings.oauthClient.jwks).toEqual(jwks);
    expect(app.secrets).toHaveLength(0);
    await adapter.updateClientSettings(created.clientId, {
      type: 'service',
      redirectUris: [],
      postLogoutRedirectUris: [],
      signingKeys: { jwksUri: 'https://keys.example.com/jwks.json' },
    });
    expect(appOf(created.clientId).settings.oauthClient).toMatchObject({ jwks_uri: 'https://keys.example.com/jwks.json' });
    expect(appOf(created.clientId).settings.oauthClient.jwks).toBeUndefined();
  });

  it('a user who is not assigned to the app cannot sign in to it', async () => {
    const created = await adapter.createAppClient({ appId: 'spa', settings: { type: 'spa', ...urls } });
    appOf(created.clientId).groups = [];
    expect((await authorizeRedirect(created.clientId, 'openid')).searchParams.get('error_description')).toBe(
      'User is not assigned to the client application.',
    );
  });

  it('why the sign-in policy must not be ALL_CLIENTS: a catch-all grants unsubscribed products to user-facing apps too', async () => {
    await okta.stop();
    await start({ catchAllPolicy: true });
    const created = await adapter.createAppClient({ appId: 'spa', settings: { type: 'spa', ...urls } });
    await adapter.setClientApiProducts(created.clientId, ['tracks']);
    expect((await authorizeRedirect(created.clientId, 'openid petstore')).searchParams.get('code')).toBeTruthy();
  });
});
