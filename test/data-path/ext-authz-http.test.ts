import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthzServer } from '@/lib/data-path/authz-server';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { DEMO_ROUTE_MAP } from '@/lib/data-path/demo-gateway';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

// The check as Envoy's ext_authz HTTP service: the original method and path
// arrive behind `path_prefix` with the allowed headers; 200 admits and names
// the caller in x-lanyard-* headers for `allowed_upstream_headers`; 401/403
// carry an RFC 6750 §3 challenge and a `{code, message, reason}` body.

let idp: LocalIssuer;
let server: Server;
let base: string;

beforeAll(async () => {
  idp = await startLocalIssuer();
  const check = createDataPathCheck({ issuer: idp.issuer, jwksUri: idp.jwksUri });
  server = createAuthzServer({ check, routes: DEMO_ROUTE_MAP, pathPrefix: '/ext_authz' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ext_authz`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await idp?.stop();
});

function ask(
  path: string,
  { token, method = 'GET', headers = {} }: { token?: string; method?: string; headers?: Record<string, string> } = {},
) {
  return fetch(`${base}${path}`, { method, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

describe('ext_authz HTTP service: allowed', () => {
  it('answers 200 with the caller for allowed_upstream_headers', async () => {
    const token = await idp.sign({ client_id: 'lyd_app1', scope: 'tracks petstore' });
    const res = await ask('/tracks/tracks/c_0?x=1', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-lanyard-client-id')).toBe('lyd_app1');
    expect(res.headers.get('x-lanyard-scopes')).toBe('tracks petstore');
    expect(await res.text()).toBe('');
  });

  it('checks whatever method the original request had, without its body', async () => {
    const token = await idp.sign({ scope: 'petstore' });
    expect((await ask('/petstore/pet', { token, method: 'POST' })).status).toBe(200);
    expect((await ask('/petstore/pet/1', { token, method: 'DELETE' })).status).toBe(200);
  });

  it('takes the product from x-api-product-id when it has no route map', async () => {
    const headerMode = createAuthzServer({ check: createDataPathCheck({ issuer: idp.issuer, jwksUri: idp.jwksUri }) });
    await new Promise<void>((resolve) => headerMode.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(headerMode.address() as AddressInfo).port}/v1/invoices`;
      const token = await idp.sign({ scope: 'billing' });
      const as = (product?: string) =>
        fetch(url, { headers: { authorization: `Bearer ${token}`, ...(product ? { 'x-api-product-id': product } : {}) } });
      expect((await as('billing')).status).toBe(200);
      expect((await as('tracks')).status).toBe(403);
      const none = await as();
      expect(none.status).toBe(403);
      expect((await none.json()).reason).toBe('invalid_request');
    } finally {
      headerMode.closeAllConnections();
      await new Promise<void>((resolve) => headerMode.close(() => resolve()));
    }
  });
});

describe('RFC 6750 §3: refusals', () => {
  it('401 without a token: a challenge without an error code', async () => {
    const res = await ask('/tracks/tracks');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="lanyard"');
    expect(await res.json()).toEqual({ code: 401, message: 'a bearer access token is required', reason: 'invalid_request' });
  });

  it('401 invalid_token for an expired token', async () => {
    const token = await idp.sign({ exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await ask('/tracks/tracks', { token });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="lanyard", error="invalid_token", error_description="the access token has expired"',
    );
    expect(await res.json()).toEqual({ code: 401, message: 'the access token has expired', reason: 'invalid_token' });
  });

  it('403 insufficient_scope naming the scope the product needs', async () => {
    const token = await idp.sign({ scope: 'tracks' });
    const res = await ask('/petstore/store/inventory', { token });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="lanyard", error="insufficient_scope", error_description="the access token does not grant the scope of API product petstore", scope="petstore"',
    );
    expect(await res.json()).toMatchObject({ code: 403, reason: 'insufficient_scope' });
  });

  it('never leaks the token into the response', async () => {
    const token = await idp.sign({ scope: 'tracks', exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await ask('/tracks/tracks', { token });
    const text = `${res.headers.get('www-authenticate')}${await res.text()}`;
    expect(text).not.toContain(token.split('.')[2]!.slice(0, 20));
  });
});

describe('which product a request is for', () => {
  it('ignores a product header when it has a route map', async () => {
    const token = await idp.sign({ scope: 'petstore' });
    expect((await ask('/tracks/tracks', { token, headers: { 'x-api-product-id': 'petstore' } })).status).toBe(403);
    // A path outside the map names no product, whatever the header says.
    const outside = await ask('/billing/invoices', { token, headers: { 'x-api-product-id': 'petstore' } });
    expect(outside.status).toBe(403);
    expect((await outside.json()).reason).toBe('invalid_request');
  });

  it('matches prefixes at segment boundaries only', async () => {
    const token = await idp.sign({ scope: 'tracks' });
    const res = await ask('/trackside', { token });
    expect(res.status).toBe(403);
    expect((await res.json()).reason).toBe('invalid_request');
  });

  it('does not route a path with dot segments or encoded slashes by its prefix', async () => {
    const token = await idp.sign({ scope: 'tracks' });
    for (const path of [
      '/tracks/../petstore/pet/1',
      '/tracks/./x',
      '/tracks/%2e%2e/petstore/pet/1',
      '/tracks%2F..%2Fpetstore',
      '/tracks//x',
      '/tracks/..%5Cpetstore',
    ]) {
      // Sent as is (fetch would normalise the dot segments away).
      const { status, body } = await rawGet(`/ext_authz${path}`, token);
      expect({ path, status, reason: JSON.parse(body).reason }).toEqual({ path, status: 403, reason: 'invalid_request' });
    }
  });
});

function rawGet(path: string, token: string): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('when the keys cannot be fetched', () => {
  it('answers 503, which Envoy turns into a denial (status_on_error)', async () => {
    const down = await startLocalIssuer();
    down.setAvailable(false);
    const check = createDataPathCheck({ issuer: down.issuer, jwksUri: down.jwksUri });
    const s = createAuthzServer({ check, routes: DEMO_ROUTE_MAP });
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const token = await down.sign();
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/tracks/tracks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(503);
      expect((await res.json()).reason).toBe('temporarily_unavailable');
    } finally {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
      await down.stop();
    }
  });
});
