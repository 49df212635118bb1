import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  type UpdateUserPoolClientRequest,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import type { IdpAdapter } from '@/lib/idp/types';
import { clientCredentials } from '../../helpers/token-request';
import { startCognitoStandIn, type CognitoStandIn } from '../../stand-ins/cognito';

// UpdateUserPoolClient resets every field it is not sent. Subscribing a client
// to products must leave an operator's other settings exactly as they were.

const OPERATOR_SETTINGS: Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId' | 'ClientName'> = {
  RefreshTokenValidity: 7,
  AccessTokenValidity: 15,
  IdTokenValidity: 20,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  ReadAttributes: ['email', 'custom:tenant'],
  WriteAttributes: ['custom:tenant'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
  SupportedIdentityProviders: ['COGNITO'],
  AnalyticsConfiguration: {
    ApplicationId: 'pinpoint-app-1',
    RoleArn: 'arn:aws:iam::123456789012:role/pinpoint',
    ExternalId: 'ext-1',
    UserDataShared: true,
  },
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: false,
  EnablePropagateAdditionalUserContextData: true,
  AuthSessionValidity: 10,
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
};

const OAUTH_FIELDS = ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient'] as const;
const VOLATILE_FIELDS = ['LastModifiedDate', ...OAUTH_FIELDS] as const;

function withoutFields(client: UserPoolClientType, fields: readonly string[]) {
  return Object.fromEntries(Object.entries(client).filter(([k]) => !fields.includes(k)));
}

describe('cognito adapter: UpdateUserPoolClient keeps every other setting', () => {
  let standIn: CognitoStandIn;
  let adapter: IdpAdapter;
  let sdk: CognitoIdentityProviderClient;
  let client: { id: string; secret: string };

  const describeClient = async (id = client.id) =>
    (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: standIn.userPoolId, ClientId: id }))).UserPoolClient!;

  beforeAll(async () => {
    standIn = await startCognitoStandIn();
    adapter = cognitoAdapter(standIn.adapterOptions);
    sdk = new CognitoIdentityProviderClient({ region: standIn.region, endpoint: standIn.url, credentials: standIn.credentials });
    await adapter.createApiProduct({ id: 'tracks' });
    await adapter.createApiProduct({ id: 'petstore' });
    const created = await adapter.createClient({ appId: 'tuned-app' });
    client = { id: created.clientId, secret: created.clientSecret };
    // An operator tunes the client in the console (a full update, as the console sends).
    await sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: standIn.userPoolId,
        ClientId: client.id,
        ClientName: 'lanyard-tuned-app',
        ...OPERATOR_SETTINGS,
      }),
    );
  });
  afterAll(async () => {
    sdk?.destroy();
    await standIn?.stop();
  });

  it('the stand-in resets what an update leaves out, like the real service', async () => {
    const other = await adapter.createClient({ appId: 'reset-check' });
    await sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: standIn.userPoolId, ClientId: other.clientId, AccessTokenValidity: 2 }));
    await sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: standIn.userPoolId, ClientId: other.clientId, IdTokenValidity: 2 }));
    const after = await describeClient(other.clientId);
    expect(after.AccessTokenValidity).toBeUndefined();
    expect(after.IdTokenValidity).toBe(2);
    expect(after.ClientName).toBe('lanyard-reset-check');
    await adapter.deleteClient(other.clientId);
  });

  it('subscribing changes only the OAuth fields', async () => {
    const before = await describeClient();
    expect(before).toMatchObject(OPERATOR_SETTINGS);
    await adapter.setClientApiProducts(client.id, ['tracks', 'petstore']);
    const after = await describeClient();
    expect(withoutFields(after, VOLATILE_FIELDS)).toEqual(withoutFields(before, VOLATILE_FIELDS));
    expect(after).toMatchObject({
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: [adapter.scopeFor('petstore'), adapter.scopeFor('tracks')],
    });
  });

  it('the kept settings still apply: the token lives AccessTokenValidity minutes', async () => {
    const res = await clientCredentials(standIn.tokenEndpoint, client, { scope: adapter.scopeFor('tracks') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const claims = decodeJwt(String(res.body.access_token));
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
    expect(res.body.expires_in).toBe(15 * 60);
  });

  it('unsubscribing from everything switches OAuth off and still keeps the rest', async () => {
    const before = await describeClient();
    await adapter.setClientApiProducts(client.id, []);
    const after = await describeClient();
    expect(withoutFields(after, VOLATILE_FIELDS)).toEqual(withoutFields(before, VOLATILE_FIELDS));
    // Cognito refuses OAuth flows without scopes, so the client has none of the three.
    expect(after.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(after.AllowedOAuthScopes).toBeUndefined();
    expect(after.AllowedOAuthFlows).toBeUndefined();
    expect((await adapter.getClient(client.id)).scopes).toEqual([]);
    const refused = await clientCredentials(standIn.tokenEndpoint, client);
    expect(refused.status).toBe(400);
    expect(refused.body.access_token).toBeUndefined();
  });

  it('a new client has a secret, no OAuth until its first product, and only the refresh auth flow', async () => {
    const created = await adapter.createClient({ appId: 'fresh-app' });
    const described = await describeClient(created.clientId);
    expect(described).toMatchObject({
      ClientName: 'lanyard-fresh-app',
      ClientSecret: created.clientSecret,
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect(described.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(created.secretId).toMatch(new RegExp(`^${created.clientId}--\\d+$`));
    await adapter.setClientApiProducts(created.clientId, ['tracks']);
    const res = await clientCredentials(standIn.tokenEndpoint, { id: created.clientId, secret: created.clientSecret }, {}, 'post');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(decodeJwt(String(res.body.access_token)).scope).toBe(adapter.scopeFor('tracks'));
  });

  it('setting the same products again sends no update', async () => {
    await adapter.setClientApiProducts(client.id, ['tracks']);
    const updates = () => standIn.calls.filter((c) => c.operation === 'UpdateUserPoolClient').length;
    const count = updates();
    await adapter.setClientApiProducts(client.id, ['tracks', 'tracks']);
    expect(updates()).toBe(count);
  });
});
