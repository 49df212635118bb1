import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthzServer } from '@/lib/data-path/authz-server';
import { checkConfigFromDiscovery } from '@/lib/data-path/check-config-from-discovery';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { startDemoGateway, type RunningDemoGateway } from '@/lib/data-path/demo-gateway';
import { upstreamHeadersFromEnv } from '@/lib/data-path/upstream-headers';
import { runCodeFlow } from '../helpers/code-flow';
import { addIdpUser, startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';

// The data path admits a person's token (an spa's code flow on the embedded
// IdP) with the same checks as a client's, and tells the upstream both who
// the person is and which application they used, in headers whose names are
// configurable. A caller cannot smuggle its own copies of those headers in.

let idp: RunningIdp;
let upstream: Server;
let userToken: string;
const gateways: RunningDemoGateway[] = [];
let authz: Server;
const REDIRECT = 'http://127.0.0.1:5173/callback';
let clientId: string;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await addIdpUser(idp.testDb, { id: 'u-dev', email: 'dev@example.com', name: 'Dee', password: 'correct horse' });
  for (const id of ['tracks', 'petstore']) await idp.adapter.createApiProduct({ id });
  const spa = await idp.adapter.createAppClient({
    appId: 'spa',
    settings: { type: 'spa', redirectUris: [REDIRECT], postLogoutRedirectUris: [] },
  });
  clientId = spa.clientId;
  await idp.adapter.setClientApiProducts(clientId, ['tracks']);
  const flow = await runCodeFlow(
    idp.issuer,
    { email: 'dev@example.com', password: 'correct horse' },
    { client_id: clientId, redirect_uri: REDIRECT, scope: 'openid tracks' },
  );
  const res = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code: flow.redirect.searchParams.get('code')!,
      code_verifier: flow.verifier,
      redirect_uri: REDIRECT,
    }),
  });
  userToken = ((await res.json()) as { access_token: string }).access_token;

  upstream = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const g of gateways) await g.stop();
  authz?.closeAllConnections();
  authz?.close();
  upstream?.close();
  await idp?.stop();
});

async function gateway(names = upstreamHeadersFromEnv({}), overHttp = false) {
  const config = checkConfigFromDiscovery(await idp.adapter.discovery());
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const routes = {
    '/tracks': { productId: 'tracks', upstream: upstreamUrl },
    '/petstore': { productId: 'petstore', upstream: upstreamUrl },
  };
  let g: RunningDemoGateway;
  if (overHttp) {
    authz = createAuthzServer({
      check: createDataPathCheck(config),
      routes: { '/tracks': 'tracks', '/petstore': 'petstore' },
      upstreamHeaders: names,
    });
    await new Promise<void>((resolve) => authz.listen(0, '127.0.0.1', resolve));
    g = await startDemoGateway({ authzUrl: `http://127.0.0.1:${(authz.address() as AddressInfo).port}`, routes, upstreamHeaders: names });
  } else {
    g = await startDemoGateway({ check: createDataPathCheck(config), routes, upstreamHeaders: names });
  }
  gateways.push(g);
  return g;
}

describe('a person’s token at the gateway', () => {
  it('opens the product the app is subscribed to, naming the person and the app', async () => {
    const g = await gateway();
    const res = await fetch(`${g.url}/tracks/x`, {
      headers: { authorization: `Bearer ${userToken}`, 'x-lanyard-subject': 'admin', 'x-lanyard-scopes': 'petstore' },
    });
    expect(res.status).toBe(200);
    const seen = (await res.json()) as Record<string, string>;
    expect(seen).toMatchObject({ 'x-lanyard-subject': 'u-dev', 'x-lanyard-client-id': clientId, 'x-lanyard-scopes': 'tracks' });
  });

  it('not another product: the same checks as a client token', async () => {
    const g = await gateway();
    const res = await fetch(`${g.url}/petstore/pet`, { headers: { authorization: `Bearer ${userToken}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
  });

  it('uses the configured header names, in process and through the ext_authz check, and strips copies the caller sent', async () => {
    const names = upstreamHeadersFromEnv({
      LANYARD_AUTHZ_CLIENT_ID_HEADER: 'X-Client',
      LANYARD_AUTHZ_SUBJECT_HEADER: 'X-User',
      LANYARD_AUTHZ_SCOPES_HEADER: 'X-Scopes',
    });
    for (const overHttp of [false, true]) {
      const g = await gateway(names, overHttp);
      const res = await fetch(`${g.url}/tracks/x`, { headers: { authorization: `Bearer ${userToken}`, 'x-user': 'admin' } });
      const seen = (await res.json()) as Record<string, string>;
      expect(seen).toMatchObject({ 'x-user': 'u-dev', 'x-client': clientId, 'x-scopes': 'tracks' });
      expect(seen).not.toHaveProperty('x-lanyard-subject');
    }
  });

  it('refuses bad header names', () => {
    expect(() => upstreamHeadersFromEnv({ LANYARD_AUTHZ_SUBJECT_HEADER: 'x user' })).toThrow(/header name/);
    expect(() => upstreamHeadersFromEnv({ LANYARD_AUTHZ_SUBJECT_HEADER: 'x-lanyard-scopes' })).toThrow(/differ/);
  });
});
