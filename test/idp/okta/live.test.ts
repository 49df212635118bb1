import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaAdapter } from '@/lib/idp/okta/adapter';
import type { IdpAdapter, IdpDiscovery } from '@/lib/idp/types';
import { clientCredentials, type TokenResponse } from '../../helpers/token-request';

// The Okta adapter against a real Okta org, run only when credentials are in
// the environment:
//   LANYARD_OKTA_LIVE_ORG_URL         https://dev-123456.okta.com
//   LANYARD_OKTA_LIVE_API_TOKEN       SSWS token of an admin who may manage apps and the server
//   LANYARD_OKTA_LIVE_AUTH_SERVER_ID  a custom authorization server with no ALL_CLIENTS
//                                     policy granting client_credentials (see the stand-in README)
//   LANYARD_OKTA_LIVE_ISSUER          optional, when the server's issuer is a custom domain
// Everything it creates is named lanyard-live-<random> and deleted at the end.

const env = {
  orgUrl: process.env.LANYARD_OKTA_LIVE_ORG_URL,
  apiToken: process.env.LANYARD_OKTA_LIVE_API_TOKEN,
  authServerId: process.env.LANYARD_OKTA_LIVE_AUTH_SERVER_ID,
  issuer: process.env.LANYARD_OKTA_LIVE_ISSUER || undefined,
};
const live = !!(env.orgUrl && env.apiToken && env.authServerId);
const title = live ? 'Okta live org' : 'Okta live org (skipped: set LANYARD_OKTA_LIVE_ORG_URL, _API_TOKEN and _AUTH_SERVER_ID to run)';

(live ? describe : describe.skip)(title, () => {
  const run = `live-${randomBytes(4).toString('hex')}`;
  const [productA, productB] = [`lanyard-${run}-a`, `lanyard-${run}-b`];
  let adapter: IdpAdapter;
  let discovery: IdpDiscovery;
  let client: { id: string; secret: string };

  /** Okta applies policy changes within moments, not always within the same millisecond. */
  async function tokenFor(c: typeof client, scope: string, until: (r: TokenResponse) => boolean): Promise<TokenResponse> {
    let res = await clientCredentials(discovery.tokenEndpoint, c, { scope });
    for (let i = 0; i < 10 && !until(res); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      res = await clientCredentials(discovery.tokenEndpoint, c, { scope });
    }
    return res;
  }

  beforeAll(async () => {
    adapter = oktaAdapter({ orgUrl: env.orgUrl!, apiToken: env.apiToken!, authServerId: env.authServerId!, issuer: env.issuer });
    discovery = await adapter.discovery();
    await adapter.createApiProduct({ id: productA, description: 'Lanyard live test' });
    await adapter.createApiProduct({ id: productB, description: 'Lanyard live test' });
    const created = await adapter.createClient({ appId: run });
    client = { id: created.clientId, secret: created.clientSecret };
  }, 60_000);

  afterAll(async () => {
    // Best effort, each on its own: one failure must not leave the rest behind.
    if (client) await adapter.deleteClient(client.id).catch(() => undefined);
    for (const id of [productA, productB]) await adapter.deleteApiProduct(id).catch(() => undefined);
  }, 60_000);

  it('subscribed scope: a token with it in scp, for the server audience', async () => {
    await adapter.setClientApiProducts(client.id, [productA]);
    expect((await adapter.getClient(client.id)).scopes).toEqual([productA]);
    const res = await tokenFor(client, productA, (r) => r.status === 200);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { payload } = await jwtVerify(String(res.body.access_token), createRemoteJWKSet(new URL(discovery.jwksUri)), {
      issuer: discovery.issuer,
      audience: discovery.audience,
    });
    expect(payload.scp).toEqual([productA]);
    expect(payload.cid).toBe(client.id);
  }, 60_000);

  it('unsubscribed scope: access_denied', async () => {
    const res = await tokenFor(client, productB, (r) => r.status !== 200);
    expect(res.body.error).toBe('access_denied');
  }, 60_000);

  it('rotate and retire a secret', async () => {
    const rotated = await adapter.rotateClientSecret!(client.id);
    const fresh = { id: client.id, secret: rotated.clientSecret };
    expect((await tokenFor(fresh, productA, (r) => r.status === 200)).status).toBe(200);
    const old = (await adapter.listClientSecrets!(client.id)).find((s) => s.secretId !== rotated.secretId)!;
    await adapter.retireClientSecret!(client.id, old.secretId);
    expect((await tokenFor(client, productA, (r) => r.status !== 200)).body.error).toBe('invalid_client');
    client = fresh;
  }, 60_000);

  it('products: listed while they exist, gone from every client when deleted', async () => {
    expect((await adapter.listApiProducts()).map((p) => p.id)).toEqual(expect.arrayContaining([productA, productB]));
    await adapter.deleteApiProduct(productA);
    expect((await adapter.getClient(client.id)).scopes).toEqual([]);
  }, 60_000);
});
