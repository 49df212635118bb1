import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import { currentSettings } from '@/lib/idp/cognito/client-settings';
import type { IdpAdapter, IdpDiscovery } from '@/lib/idp/types';
import { clientCredentials, type TokenResponse } from '../../helpers/token-request';

// The adapter against a real Cognito user pool, to check what the stand-in
// can only assume. Runs only with these set (the pool needs a domain; the
// credentials need cognito-idp:*UserPoolClient*, *ResourceServer and
// *UserPoolClientSecret* on it):
//   LANYARD_COGNITO_LIVE_REGION, LANYARD_COGNITO_LIVE_USER_POOL_ID,
//   LANYARD_COGNITO_LIVE_DOMAIN (https://<prefix>.auth.<region>.amazoncognito.com),
//   LANYARD_COGNITO_LIVE_RESOURCE_SERVER, LANYARD_COGNITO_LIVE_ACCESS_KEY_ID,
//   LANYARD_COGNITO_LIVE_SECRET_ACCESS_KEY (+ LANYARD_COGNITO_LIVE_SESSION_TOKEN).
// It creates one client and two scopes with unique names, and removes them.

const env = process.env;
const live = {
  region: env.LANYARD_COGNITO_LIVE_REGION,
  userPoolId: env.LANYARD_COGNITO_LIVE_USER_POOL_ID,
  domain: env.LANYARD_COGNITO_LIVE_DOMAIN,
  resourceServer: env.LANYARD_COGNITO_LIVE_RESOURCE_SERVER,
  accessKeyId: env.LANYARD_COGNITO_LIVE_ACCESS_KEY_ID,
  secretAccessKey: env.LANYARD_COGNITO_LIVE_SECRET_ACCESS_KEY,
};
const configured = Object.values(live).every(Boolean);

/** Cognito applies client changes within seconds, not always at once. */
async function eventually(
  request: () => Promise<TokenResponse>,
  done: (res: TokenResponse) => boolean,
  timeoutMs = 30_000,
): Promise<TokenResponse> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request();
    if (done(res) || Date.now() > until) return res;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

const suite = configured ? describe : describe.skip;
const title = configured
  ? `cognito live suite (pool ${live.userPoolId})`
  : 'cognito live suite skipped: set LANYARD_COGNITO_LIVE_* to run it against a real user pool';

suite(title, { timeout: 120_000 }, () => {
  const suffix = Date.now().toString(36);
  const products = { a: `lanyard-live-${suffix}-a`, b: `lanyard-live-${suffix}-b` };
  let adapter: IdpAdapter;
  let sdk: CognitoIdentityProviderClient;
  let discovery: IdpDiscovery;
  let client: { id: string; secret: string };

  const token = (c: { id: string; secret: string }, ...ids: string[]) =>
    clientCredentials(discovery.tokenEndpoint, c, ids.length ? { scope: ids.map((id) => adapter.scopeFor(id)).join(' ') } : {});

  beforeAll(async () => {
    const credentials = {
      accessKeyId: live.accessKeyId!,
      secretAccessKey: live.secretAccessKey!,
      sessionToken: env.LANYARD_COGNITO_LIVE_SESSION_TOKEN,
    };
    adapter = cognitoAdapter({
      region: live.region!,
      userPoolId: live.userPoolId!,
      domain: live.domain!,
      resourceServer: live.resourceServer!,
      credentials,
    });
    sdk = new CognitoIdentityProviderClient({ region: live.region!, credentials });
    discovery = await adapter.discovery();
    await adapter.createApiProduct({ id: products.a, description: 'Lanyard live test A' });
    await adapter.createApiProduct({ id: products.b, description: 'Lanyard live test B' });
    const created = await adapter.createClient({ appId: `live-${suffix}` });
    client = { id: created.clientId, secret: created.clientSecret };
  }, 120_000);

  afterAll(async () => {
    await adapter?.deleteClient(client.id).catch(() => undefined);
    for (const id of Object.values(products)) await adapter?.deleteApiProduct(id).catch(() => undefined);
    sdk?.destroy();
  }, 120_000);

  it('a subscribed client gets a token with exactly that scope, Cognito-style', async () => {
    await adapter.setClientApiProducts(client.id, [products.a]);
    const res = await eventually(
      () => token(client, products.a),
      (r) => r.status === 200,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { payload } = await jwtVerify(String(res.body.access_token), createRemoteJWKSet(new URL(discovery.jwksUri)), {
      issuer: discovery.issuer,
    });
    expect(payload).toMatchObject({ token_use: 'access', client_id: client.id, sub: client.id, scope: adapter.scopeFor(products.a) });
    expect(payload.aud).toBeUndefined();
  });

  it('a scope not subscribed is invalid_scope', async () => {
    const res = await token(client, products.b);
    expect(res.body.error).toBe('invalid_scope');
  });

  it('subscribing keeps the settings an operator changed', async () => {
    const describe = async () =>
      (await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: live.userPoolId, ClientId: client.id }))).UserPoolClient!;
    const tuned = await describe();
    await sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: live.userPoolId,
        ClientId: client.id,
        ...currentSettings(tuned),
        AccessTokenValidity: 15,
        TokenValidityUnits: { ...tuned.TokenValidityUnits, AccessToken: 'minutes' },
      }),
    );
    await adapter.setClientApiProducts(client.id, [products.a, products.b]);
    const after = await describe();
    expect(after.AccessTokenValidity).toBe(15);
    expect(after.TokenValidityUnits?.AccessToken).toBe('minutes');
    expect(after.ExplicitAuthFlows).toEqual(tuned.ExplicitAuthFlows);
    expect(after.AllowedOAuthScopes?.sort()).toEqual([adapter.scopeFor(products.a), adapter.scopeFor(products.b)].sort());
  });

  it('no products: OAuth off, every token refused', async () => {
    await adapter.setClientApiProducts(client.id, []);
    const res = await eventually(
      () => token(client),
      (r) => r.status !== 200,
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.access_token).toBeUndefined();
    await adapter.setClientApiProducts(client.id, [products.a]);
  });

  it('rotate: both secrets work; retire: the old one is invalid_client', async () => {
    const rotated = await adapter.rotateClientSecret!(client.id);
    const fresh = { id: client.id, secret: rotated.clientSecret };
    expect(
      (
        await eventually(
          () => token(fresh, products.a),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
    expect((await token(client, products.a)).status).toBe(200);
    const old = (await adapter.listClientSecrets!(client.id)).find((s) => s.secretId !== rotated.secretId)!;
    await adapter.retireClientSecret!(client.id, old.secretId);
    const refused = await eventually(
      () => token(client, products.a),
      (r) => r.status !== 200,
    );
    expect(refused.body.error).toBe('invalid_client');
    client = fresh;
  });

  it('deleting a product takes it off the client', async () => {
    await adapter.setClientApiProducts(client.id, [products.a, products.b]);
    await adapter.deleteApiProduct(products.b);
    expect((await adapter.getClient(client.id)).scopes).toEqual([adapter.scopeFor(products.a)]);
    expect((await adapter.listApiProducts()).map((p) => p.scope)).not.toContain(adapter.scopeFor(products.b));
  });

  it('delete client: invalid_client, then not_found', async () => {
    await adapter.deleteClient(client.id);
    const res = await eventually(
      () => token(client, products.a),
      (r) => r.status !== 200,
    );
    expect(res.body.error).toBe('invalid_client');
    await expect(adapter.getClient(client.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
