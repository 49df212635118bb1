import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import { IdpError } from '@/lib/idp/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { clientCredentials } from '../../helpers/token-request';
import { startCognitoStandIn, type CognitoStandIn } from '../../stand-ins/cognito';

// Deleting a product takes its scope off every client of the pool first (one
// UpdateUserPoolClient each, across ListUserPoolClients pages), then off the
// resource server. Listing walks every page as well.

describe('cognito adapter: deleting a product, listing across pages', () => {
  let standIn: CognitoStandIn;
  let adapter: IdpAdapter;
  let sdk: CognitoIdentityProviderClient;
  const apps: { id: string; secret: string }[] = [];
  let foreign: string;

  const describeClient = async (id: string) =>
    (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: standIn.userPoolId, ClientId: id }))).UserPoolClient!;

  beforeAll(async () => {
    // Two clients per page, so five clients take three pages.
    standIn = await startCognitoStandIn({ listPageLimit: 2 });
    adapter = cognitoAdapter(standIn.adapterOptions);
    sdk = new CognitoIdentityProviderClient({ region: standIn.region, endpoint: standIn.url, credentials: standIn.credentials });
    await adapter.createApiProduct({ id: 'tracks' });
    await adapter.createApiProduct({ id: 'weather', description: 'Weather API' });
    for (const appId of ['one', 'two', 'three', 'four']) {
      const c = await adapter.createClient({ appId });
      apps.push({ id: c.clientId, secret: c.clientSecret });
    }
    // A client an operator made by hand, holding the product's scope too.
    const res = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: standIn.userPoolId,
        ClientName: 'reporting-job',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: [adapter.scopeFor('tracks'), adapter.scopeFor('weather')],
        AccessTokenValidity: 2,
      }),
    );
    foreign = res.UserPoolClient!.ClientId!;
  });
  afterAll(async () => {
    sdk?.destroy();
    await standIn?.stop();
  });

  it('lists only Lanyard clients, from every page', async () => {
    const listed = await adapter.listClients();
    expect(listed.map((c) => c.clientName).sort()).toEqual(['lanyard-four', 'lanyard-one', 'lanyard-three', 'lanyard-two']);
    expect(standIn.calls.filter((c) => c.operation === 'ListUserPoolClients' && c.input.NextToken).length).toBeGreaterThan(0);
  });

  it('a second client for an app on a later page is still a conflict', async () => {
    const err = await adapter.createClient({ appId: 'four' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdpError);
    expect((err as IdpError).code).toBe('conflict');
  });

  it('takes the scope off every client, then off the resource server', async () => {
    await adapter.setClientApiProducts(apps[0]!.id, ['tracks', 'weather']);
    await adapter.setClientApiProducts(apps[1]!.id, ['weather']);
    await adapter.setClientApiProducts(apps[3]!.id, ['tracks']);
    const mark = standIn.calls.length;

    await adapter.deleteApiProduct('weather');

    const writes = standIn.calls.slice(mark).filter((c) => c.operation.startsWith('Update'));
    expect(writes.map((c) => [c.operation, c.input.ClientId])).toEqual([
      ['UpdateUserPoolClient', apps[0]!.id],
      ['UpdateUserPoolClient', apps[1]!.id],
      ['UpdateUserPoolClient', foreign],
      ['UpdateResourceServer', undefined],
    ]);
    expect((await adapter.getClient(apps[0]!.id)).scopes).toEqual([adapter.scopeFor('tracks')]);
    expect((await adapter.getClient(apps[3]!.id)).scopes).toEqual([adapter.scopeFor('tracks')]);
    // The client that had only this product has OAuth switched off.
    expect((await adapter.getClient(apps[1]!.id)).scopes).toEqual([]);
    expect((await describeClient(apps[1]!.id)).AllowedOAuthFlowsUserPoolClient).toBe(false);
    // The hand-made client lost the scope and nothing else.
    expect(await describeClient(foreign)).toMatchObject({
      ClientName: 'reporting-job',
      AllowedOAuthScopes: [adapter.scopeFor('tracks')],
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AccessTokenValidity: 2,
    });
    expect((await adapter.listApiProducts()).map((p) => p.id)).toEqual(['tracks']);
  });

  it('a token can no longer carry the scope, and the rest still works', async () => {
    const refused = await clientCredentials(standIn.tokenEndpoint, apps[0]!, { scope: 'https://api.example.com/weather' });
    expect(refused.body.error).toBe('invalid_scope');
    const ok = await clientCredentials(standIn.tokenEndpoint, apps[0]!, { scope: adapter.scopeFor('tracks') });
    expect(ok.status).toBe(200);
  });

  it('a product created again under the same id starts with no clients', async () => {
    await adapter.createApiProduct({ id: 'weather' });
    for (const app of apps) expect((await adapter.getClient(app.id)).scopes).not.toContain(adapter.scopeFor('weather'));
  });
});
