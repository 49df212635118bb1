import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oktaAdapter } from '@/lib/idp/okta/adapter';
import type { IdpAdapter } from '@/lib/idp/types';
import { startOktaStandIn, type OktaStandIn, type OktaStandInOptions } from '../../stand-ins/okta';
import { clientCredentials } from '../../helpers/token-request';

// What the Okta adapter leaves in the org: one access policy per client on
// the custom authorization server, one rule in it granting client_credentials
// for exactly the subscribed products, and nothing once a client or product
// is gone.

let okta: OktaStandIn;
let adapter: IdpAdapter;

async function start(options: OktaStandInOptions = {}) {
  okta = await startOktaStandIn(options);
  adapter = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: okta.authServerId });
}

beforeEach(() => start());
afterEach(() => okta.stop());

const lanyardPolicies = () => okta.org.server.policies.filter((p) => p.name.startsWith('lanyard-'));
const policyOf = (clientId: string) => okta.org.server.policies.find((p) => p.conditions.clients.include.includes(clientId));

async function appWithProducts(appId: string, products: string[]) {
  const created = await adapter.createClient({ appId });
  if (products.length) await adapter.setClientApiProducts(created.clientId, products);
  return created;
}

describe('Okta adapter: access policies', () => {
  beforeEach(async () => {
    for (const id of ['tracks', 'petstore', 'weather']) await adapter.createApiProduct({ id, description: `${id} API` });
  });

  it('gives each client its own policy, whose only rule grants client_credentials for exactly its products', async () => {
    const a = await appWithProducts('alpha', ['tracks', 'petstore', 'tracks']);
    const b = await appWithProducts('beta', ['weather']);

    expect(lanyardPolicies()).toHaveLength(2);
    for (const [client, scopes] of [
      [a, ['petstore', 'tracks']],
      [b, ['weather']],
    ] as const) {
      const policy = policyOf(client.clientId)!;
      expect(policy).toMatchObject({
        name: `lanyard-${client.clientId}`,
        status: 'ACTIVE',
        conditions: { clients: { include: [client.clientId] } },
      });
      expect(policy.rules).toHaveLength(1);
      expect(policy.rules[0]!.conditions.grantTypes.include).toEqual(['client_credentials']);
      expect([...policy.rules[0]!.conditions.scopes.include].sort()).toEqual(scopes);
      expect((await adapter.getClient(client.clientId)).scopes).toEqual(scopes);
    }
    // Lanyard's policies come before the server's other policies.
    expect(okta.org.server.policies.find((p) => p.name === 'Portal sign-in')!.priority).toBe(3);
  });

  it('a client with no products has no policy at all', async () => {
    const a = await appWithProducts('alpha', ['tracks']);
    await adapter.setClientApiProducts(a.clientId, []);
    expect(policyOf(a.clientId)).toBeUndefined();
    expect((await adapter.getClient(a.clientId)).scopes).toEqual([]);
  });

  it('setting the same products again writes nothing', async () => {
    const a = await appWithProducts('alpha', ['tracks', 'weather']);
    const before = okta.requests.length;
    await adapter.setClientApiProducts(a.clientId, ['weather', 'tracks']);
    expect(okta.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a rule added by hand to a Lanyard policy does not survive the next change', async () => {
    const a = await appWithProducts('alpha', ['tracks']);
    const policy = policyOf(a.clientId)!;
    policy.rules.push({
      ...policy.rules[0]!,
      id: '0prHandMade000000001',
      name: 'extra',
      priority: 2,
      conditions: { ...policy.rules[0]!.conditions, scopes: { include: ['*'] } },
    });
    await adapter.setClientApiProducts(a.clientId, ['tracks', 'petstore']);
    expect(policyOf(a.clientId)!.rules.map((r) => r.name)).toEqual(['lanyard-subscribed-products']);
  });

  it('a second policy for the same client (two replicas racing) is cleaned up', async () => {
    const a = await appWithProducts('alpha', ['tracks']);
    const policy = policyOf(a.clientId)!;
    okta.org.server.policies.push({ ...policy, id: '00pDuplicate000000001', priority: 99, rules: [] });
    await adapter.setClientApiProducts(a.clientId, ['petstore']);
    expect(okta.org.server.policies.filter((p) => p.conditions.clients.include.includes(a.clientId))).toHaveLength(1);
    expect((await adapter.getClient(a.clientId)).scopes).toEqual(['petstore']);
  });

  it('deleting a client deactivates and deletes the app and removes its policy', async () => {
    const a = await appWithProducts('alpha', ['tracks']);
    const b = await appWithProducts('beta', ['tracks']);
    const policyId = policyOf(a.clientId)!.id;
    await adapter.deleteClient(a.clientId);
    expect(okta.org.apps.has(a.clientId)).toBe(false);
    expect(policyOf(a.clientId)).toBeUndefined();
    expect(policyOf(b.clientId)).toBeDefined();
    const calls = okta.requests
      .filter((r) => r.method !== 'GET')
      .slice(-3)
      .map((r) => `${r.method} ${r.path.replace(okta.authServerId, '{as}')}`);
    expect(calls).toEqual([
      `POST /api/v1/apps/${a.clientId}/lifecycle/deactivate`,
      `DELETE /api/v1/authorizationServers/{as}/policies/${policyId}`,
      `DELETE /api/v1/apps/${a.clientId}`,
    ]);
  });

  it('deleting a product takes it out of every rule, and drops policies left with nothing', async () => {
    const a = await appWithProducts('alpha', ['tracks', 'weather']);
    const b = await appWithProducts('beta', ['weather']);
    await adapter.deleteApiProduct('weather');
    expect(policyOf(a.clientId)!.rules[0]!.conditions.scopes.include).toEqual(['tracks']);
    expect(policyOf(b.clientId)).toBeUndefined();
    expect(okta.org.server.scopes.map((s) => s.name)).not.toContain('weather');
  });

  it('lists as products only the scopes it created, not Okta system scopes or hand-made ones', async () => {
    expect(okta.org.server.scopes.map((s) => s.name)).toEqual(expect.arrayContaining(['openid', 'offline_access', 'legacy.reports']));
    expect((await adapter.listApiProducts()).map((p) => p.id)).toEqual(['petstore', 'tracks', 'weather']);
    await expect(adapter.createApiProduct({ id: 'legacy.reports' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(adapter.deleteApiProduct('legacy.reports')).rejects.toMatchObject({ code: 'not_found' });
    await expect(adapter.deleteApiProduct('openid')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an app Okta has but Lanyard did not create is not a client', async () => {
    const a = await appWithProducts('alpha', []);
    okta.org.apps.get(a.clientId)!.label = 'Someone else';
    await expect(adapter.getClient(a.clientId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(adapter.setClientApiProducts(a.clientId, ['tracks'])).rejects.toMatchObject({ code: 'not_found' });
    expect(await adapter.listClients()).toEqual([]);
  });
});

describe('Okta adapter: tokens from the policies it wrote', () => {
  it('issues Okta-shaped access tokens: scp array, cid, sub, ver, jti, the server audience', async () => {
    await adapter.createApiProduct({ id: 'tracks' });
    const app = await appWithProducts('alpha', ['tracks']);
    const discovery = await adapter.discovery();
    const client = { id: app.clientId, secret: app.clientSecret };
    const res = await clientCredentials(discovery.tokenEndpoint, client, { scope: 'tracks' }, 'post');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const token = String(res.body.access_token);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256' });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwksUri)), {
      issuer: discovery.issuer,
      audience: discovery.audience,
    });
    expect(payload).toMatchObject({ ver: 1, cid: app.clientId, sub: app.clientId, scp: ['tracks'], aud: okta.audience });
    expect(String(payload.jti)).toMatch(/^AT\./);
    expect(discovery).toMatchObject({
      issuer: okta.issuer,
      audience: 'api://lanyard',
      scopeClaim: 'scp',
      secretRotation: 'dual',
      resourceIndicators: false,
    });

    expect((await clientCredentials(discovery.tokenEndpoint, { ...client, secret: 'wrong' }, { scope: 'tracks' })).body.error).toBe(
      'invalid_client',
    );
    expect((await clientCredentials(discovery.tokenEndpoint, client, { scope: 'no-such-scope' })).body.error).toBe('invalid_scope');
  });

  it('finds every client when Okta answers in pages', async () => {
    await okta.stop();
    await start({ maxPageSize: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await adapter.createApiProduct({ id: `p-${id}` });
    const ids = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) ids.push((await appWithProducts(id, [`p-${id}`])).clientId);
    expect((await adapter.listClients()).map((c) => c.clientId).sort()).toEqual(ids.sort());
    expect(await adapter.listApiProducts()).toHaveLength(5);
    expect(okta.requests.some((r) => r.path.includes('after='))).toBe(true);
  });

  it('why the server must be dedicated: a catch-all ALL_CLIENTS policy grants unsubscribed scopes by fall-through', async () => {
    await okta.stop();
    await start({ catchAllPolicy: true });
    await adapter.createApiProduct({ id: 'tracks' });
    await adapter.createApiProduct({ id: 'petstore' });
    const app = await appWithProducts('alpha', ['tracks']);
    const { tokenEndpoint } = await adapter.discovery();
    const res = await clientCredentials(tokenEndpoint, { id: app.clientId, secret: app.clientSecret }, { scope: 'petstore' });
    expect(res.status).toBe(200);
  });
});
