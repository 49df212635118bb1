import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveJwksUri } from '@/lib/data-path/authz-config';
import { createAuthzServer } from '@/lib/data-path/authz-server';
import { checkConfigFromDiscovery } from '@/lib/data-path/check-config-from-discovery';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { DEMO_ROUTE_MAP, startDemoGateway, type RunningDemoGateway } from '@/lib/data-path/demo-gateway';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { clientCredentials } from '../helpers/token-request';

// End to end on the data path: a real client-credentials token from the real
// embedded IdP, through the demo gateway to the demo APIs — checked in
// process, and over HTTP through the ext_authz-shaped check as Envoy would.

const PORTAL_ORIGIN = 'http://portal.test';

let idp: RunningIdp;
let tokenEndpoint: string;
let tracksToken: string;
let clientId: string;
let inProcess: RunningDemoGateway;
let overHttp: RunningDemoGateway;
let authz: Server;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await idp.adapter.createApiProduct({ id: 'tracks', description: 'Tracks API' });
  await idp.adapter.createApiProduct({ id: 'petstore', description: 'Petstore API' });
  const created = await idp.adapter.createClient({ appId: 'gateway-app' });
  clientId = created.clientId;
  await idp.adapter.setClientApiProducts(clientId, ['tracks']);
  const discovery = await idp.adapter.discovery();
  tokenEndpoint = discovery.tokenEndpoint;
  const res = await clientCredentials(tokenEndpoint, { id: clientId, secret: created.clientSecret });
  expect(res.status).toBe(200);
  tracksToken = String(res.body.access_token);

  const config = checkConfigFromDiscovery(discovery);
  inProcess = await startDemoGateway({ check: createDataPathCheck(config), allowedOrigins: [PORTAL_ORIGIN] });
  authz = createAuthzServer({ check: createDataPathCheck(config), routes: DEMO_ROUTE_MAP });
  await new Promise<void>((resolve) => authz.listen(0, '127.0.0.1', resolve));
  overHttp = await startDemoGateway({ authzUrl: `http://127.0.0.1:${(authz.address() as AddressInfo).port}` });
  secret = created.clientSecret;
});

let secret: string;

afterAll(async () => {
  await inProcess?.stop();
  await overHttp?.stop();
  authz?.closeAllConnections();
  await new Promise<void>((resolve) => (authz ? authz.close(() => resolve()) : resolve()));
  await idp?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each([
  ['checking in process', () => inProcess],
  ['checking over HTTP (ext_authz)', () => overHttp],
])('the demo gateway, %s', (_name, gateway) => {
  it('admits the subscribed product and forwards to its API with the caller', async () => {
    const res = await fetch(`${gateway().url}/tracks/tracks/c_0`, { headers: bearer(tracksToken) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-demo-caller')).toBe(clientId);
    expect(await res.json()).toMatchObject({ id: 'c_0', title: 'Cat-stronomy, an introduction' });
  });

  it('refuses the product the app is not subscribed to with 403 insufficient_scope', async () => {
    const res = await fetch(`${gateway().url}/petstore/pet/findByStatus?status=available`, { headers: bearer(tracksToken) });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="lanyard", error="insufficient_scope", .*scope="petstore"$/);
    expect(await res.json()).toMatchObject({ code: 403, reason: 'insufficient_scope' });
  });

  it('refuses a request without a token with 401', async () => {
    const res = await fetch(`${gateway().url}/tracks/tracks`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="lanyard"');
  });

  it('refuses a tampered token with 401 invalid_token', async () => {
    const [h, p, s] = tracksToken.split('.');
    const res = await fetch(`${gateway().url}/tracks/tracks`, { headers: bearer(`${h}.${p}.${s!.slice(0, -4)}AAAA`) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers 404 for a path outside its route map, without asking for a token', async () => {
    expect((await fetch(`${gateway().url}/billing/invoices`)).status).toBe(404);
  });
});

describe('the demo gateway with the portal', () => {
  it('admits a one-product token (RFC 8707 resource) for that product', async () => {
    await idp.adapter.setClientApiProducts(clientId, ['tracks', 'petstore']);
    try {
      const res = await clientCredentials(tokenEndpoint, { id: clientId, secret }, { resource: `${idp.portalUrl}/apis/petstore` });
      const token = String(res.body.access_token);
      const pets = await fetch(`${inProcess.url}/petstore/store/inventory`, { headers: bearer(token) });
      expect(pets.status).toBe(200);
      expect(await pets.json()).toMatchObject({ available: expect.any(Number) });
      const added = await fetch(`${inProcess.url}/petstore/pet`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Comet', status: 'pending' }),
      });
      expect(added.status).toBe(201);
      expect(await added.json()).toMatchObject({ name: 'Comet', status: 'pending', id: expect.any(Number) });
      // Its aud names petstore only.
      expect((await fetch(`${inProcess.url}/tracks/tracks`, { headers: bearer(token) })).status).toBe(401);
    } finally {
      await idp.adapter.setClientApiProducts(clientId, ['tracks']);
    }
  });

  it("answers a CORS preflight from the portal's origin, and only from it", async () => {
    const preflight = await fetch(`${inProcess.url}/tracks/tracks`, {
      method: 'OPTIONS',
      headers: { origin: PORTAL_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const other = await fetch(`${inProcess.url}/tracks/tracks`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the try-it console read the challenge of a refusal', async () => {
    const res = await fetch(`${inProcess.url}/tracks/tracks`, { headers: { origin: PORTAL_ORIGIN } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toContain('www-authenticate');
  });

  it('finds the JWKS through the issuer discovery document', async () => {
    expect(await resolveJwksUri(idp.issuer)).toBe((await idp.adapter.discovery()).jwksUri);
  });
});
