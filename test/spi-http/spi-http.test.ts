import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpiHandler, spiOpenApiDocument } from '@/lib/spi-http';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { clientCredentials } from '../helpers/token-request';
import { BASE_PATH, expectError, SPI_TOKEN, startSpi, type RunningSpi } from './spi-server';

// The IdP Connect SPI over HTTP (docs/architecture.md, "The IdP Connect
// SPI", over HTTP) against the real embedded IdP, through a real node:http
// server. Every response below — successes and errors alike — is checked
// against the SPI's OpenAPI 3.1 document by spi.call (spi-server.ts).

let idp: RunningIdp;
let spi: RunningSpi;
let tokenEndpoint: string;
let jwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  spi = await startSpi(() => idp.adapter);
  const discovery = await idp.adapter.discovery();
  tokenEndpoint = discovery.tokenEndpoint;
  jwks = createRemoteJWKSet(new URL(discovery.jwksUri));
});

afterAll(async () => {
  await spi?.stop();
  await idp?.stop();
});

async function tokenScopes(client: { id: string; secret: string }, scope?: string): Promise<string[]> {
  const res = await clientCredentials(tokenEndpoint, client, scope ? { scope } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { payload } = await jwtVerify(String(res.body.access_token), jwks, { issuer: idp.issuer });
  return String(payload.scope ?? '')
    .split(' ')
    .filter(Boolean)
    .sort();
}

describe('the OpenAPI document', () => {
  it('is served without authentication and is the document the responses are checked against', async () => {
    const reply = await spi.call('GET', '/openapi.json', { authorization: null });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(JSON.parse(JSON.stringify(spiOpenApiDocument(BASE_PATH))));
    expect((reply.json as { openapi: string }).openapi).toBe('3.1.0');
    expect((reply.json as { servers: { url: string }[] }).servers).toEqual([{ url: BASE_PATH }]);
  });

  it('names the Gloo IdP Connect operations', () => {
    const doc = spiOpenApiDocument();
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${(op as { operationId: string }).operationId}`),
    );
    expect(ops.sort()).toEqual(
      [
        'POST /applications CreateOAuthApplication',
        'DELETE /applications/{id} DeleteApplication',
        'PUT /applications/{id}/api-products UpdateAppAPIProducts',
        'GET /api-products ListAPIProducts',
        'POST /api-products CreateAPIProduct',
        'DELETE /api-products/{name} DeleteAPIProduct',
        'GET /openapi.json GetOpenApiDocument',
      ].sort(),
    );
  });
});

describe('the response checker', () => {
  // Not a rubber stamp: it refuses what the document does not allow.
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    text: body === undefined ? '' : JSON.stringify(body),
  });

  it('refuses an undocumented status, a wrong body, a missing required header and a body where none is documented', () => {
    expect(() => spi.checker.check('DELETE', '/applications/x', reply(200, {}))).toThrow(/status not documented/);
    expect(() => spi.checker.check('POST', '/applications', reply(201, { clientId: 'a', clientSecret: 'b' }))).toThrow(/clientName/);
    expect(() =>
      spi.checker.check('POST', '/applications', reply(201, { clientId: 'a', clientSecret: 'b', clientName: 'c', extra: 1 })),
    ).toThrow(/additional/);
    expect(() => spi.checker.check('GET', '/api-products', reply(200, [{ description: 'no name' }]))).toThrow(/name/);
    expect(() => spi.checker.check('GET', '/api-products', reply(400, { code: '400', message: 'Bad Request', reason: 'x' }))).toThrow(
      /integer/,
    );
    expect(() => spi.checker.check('GET', '/api-products', reply(503, { code: 503, message: 'Service Unavailable', reason: 'x' }))).toThrow(
      /Retry-After/,
    );
    expect(() => spi.checker.check('GET', '/api-products', reply(401, { code: 401, message: 'Unauthorized', reason: 'x' }))).toThrow(
      /WWW-Authenticate/,
    );
    expect(() => spi.checker.check('DELETE', '/api-products/x', reply(204, { code: 1 }))).toThrow(/no body/);
    expect(() => spi.checker.check('GET', '/nowhere', reply(200, {}))).toThrow(/no operation/);
  });

  it('accepts what the document allows', () => {
    expect(() => spi.checker.check('GET', '/api-products', reply(200, [{ name: 'tracks', description: '' }]))).not.toThrow();
    expect(() =>
      spi.checker.check(
        'GET',
        '/api-products',
        reply(503, { code: 503, message: 'Service Unavailable', reason: 'x' }, { 'retry-after': '3' }),
      ),
    ).not.toThrow();
  });
});

describe('authentication', () => {
  const calls: [string, string, unknown?][] = [
    ['POST', '/applications', { id: 'nope' }],
    ['DELETE', '/applications/nope'],
    ['PUT', '/applications/nope/api-products', { apiProducts: [] }],
    ['GET', '/api-products'],
    ['POST', '/api-products', { apiProduct: { name: 'nope' } }],
    ['DELETE', '/api-products/nope'],
  ];

  it.each(calls)('%s %s without a token is 401 with a Bearer challenge', async (method, path, body) => {
    const reply = await spi.call(method, path, { body, authorization: null });
    expectError(reply, 401, /bearer token is required/);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="lanyard-spi"');
  });

  it.each(calls)('%s %s with a wrong token is 401 invalid_token', async (method, path, body) => {
    const reply = await spi.call(method, path, { body, authorization: `Bearer ${SPI_TOKEN}x` });
    expectError(reply, 401, /not valid/);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="lanyard-spi", error="invalid_token"');
  });

  it('refuses other schemes, a token prefix and an empty token', async () => {
    for (const authorization of [
      `Basic ${Buffer.from(`spi:${SPI_TOKEN}`).toString('base64')}`,
      SPI_TOKEN,
      `Bearer ${SPI_TOKEN.slice(0, -1)}`,
      'Bearer ',
      `Bearer ${SPI_TOKEN} extra`,
    ]) {
      expectError(await spi.call('GET', '/api-products', { authorization }), 401);
    }
  });

  it('accepts the scheme in any case', async () => {
    expect((await spi.call('GET', '/api-products', { authorization: `bearer ${SPI_TOKEN}` })).status).toBe(200);
  });

  it('changes nothing when unauthenticated', async () => {
    await spi.call('POST', '/api-products', { body: { apiProduct: { name: 'sneaky' } }, authorization: 'Bearer wrong' });
    expect((await idp.adapter.listApiProducts()).map((p) => p.id)).not.toContain('sneaky');
  });

  it('answers 401 before revealing which paths exist', async () => {
    expectError(await spi.call('GET', '/no-such-thing', { authorization: null }), 401);
  });

  it('refuses to start with a short or empty token', () => {
    expect(() => createSpiHandler({ bearerToken: '', adapter: () => idp.adapter })).toThrow(/at least 32/);
    expect(() => createSpiHandler({ bearerToken: 'short', adapter: () => idp.adapter })).toThrow(/at least 32/);
    expect(() => createSpiHandler({ bearerToken: `${SPI_TOKEN} ${SPI_TOKEN}`, adapter: () => idp.adapter })).toThrow(/without spaces/);
  });
});

describe('end to end: create, subscribe, fetch a token', () => {
  let client: { id: string; secret: string };

  it('creates API products (201, no body) and lists them with their descriptions', async () => {
    for (const [name, description] of [
      ['tracks', 'Tracks API'],
      ['petstore', 'Petstore API'],
      ['weather', undefined],
    ] as const) {
      const reply = await spi.call('POST', '/api-products', { body: { apiProduct: { name, ...(description ? { description } : {}) } } });
      expect(reply.status, reply.text).toBe(201);
      expect(reply.text).toBe('');
    }
    const list = await spi.call('GET', '/api-products');
    expect(list.status).toBe(200);
    expect(list.json).toEqual([
      { name: 'petstore', description: 'Petstore API' },
      { name: 'tracks', description: 'Tracks API' },
      { name: 'weather', description: '' },
    ]);
  });

  it('creates an application: 201 with the client id, the secret (once) and the client name', async () => {
    const reply = await spi.call('POST', '/applications', { body: { id: 'a0897e6d0ea94f589c38278bca4e9342' } });
    expect(reply.status, reply.text).toBe(201);
    const body = reply.json as { clientId: string; clientSecret: string; clientName: string };
    expect(Object.keys(body).sort()).toEqual(['clientId', 'clientName', 'clientSecret']);
    expect(body.clientName).toBe('lanyard-a0897e6d0ea94f589c38278bca4e9342');
    expect(body.clientSecret.length).toBeGreaterThanOrEqual(20);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(await idp.adapter.getClient(body.clientId)).toMatchObject({ clientName: body.clientName, scopes: [] });
    client = { id: body.clientId, secret: body.clientSecret };
  });

  it('PUT api-products: a client_credentials token carries exactly those scopes', async () => {
    const reply = await spi.call('PUT', '/applications/a0897e6d0ea94f589c38278bca4e9342/api-products', {
      body: { apiProducts: ['tracks', 'petstore'] },
    });
    expect(reply.status, reply.text).toBe(204);
    expect(reply.text).toBe('');
    expect(await tokenScopes(client)).toEqual(['petstore', 'tracks']);
    expect(await tokenScopes(client, 'tracks')).toEqual(['tracks']);
    const refused = await clientCredentials(tokenEndpoint, client, { scope: 'weather' });
    expect(refused.body.error).toBe('invalid_scope');
  });

  it('PUT again replaces the set, and the very next token follows', async () => {
    expect(
      (await spi.call('PUT', '/applications/a0897e6d0ea94f589c38278bca4e9342/api-products', { body: { apiProducts: ['weather'] } })).status,
    ).toBe(204);
    expect(await tokenScopes(client)).toEqual(['weather']);
    expect((await clientCredentials(tokenEndpoint, client, { scope: 'tracks' })).body.error).toBe('invalid_scope');
  });

  it('PUT is idempotent, duplicates included', async () => {
    for (let i = 0; i < 2; i++) {
      const reply = await spi.call('PUT', '/applications/a0897e6d0ea94f589c38278bca4e9342/api-products', {
        body: { apiProducts: ['tracks', 'tracks', 'petstore'] },
      });
      expect(reply.status).toBe(204);
    }
    expect((await idp.adapter.getClient(client.id)).scopes).toEqual(['petstore', 'tracks']);
    expect(await tokenScopes(client)).toEqual(['petstore', 'tracks']);
  });

  it("accepts the IdP's client id in place of the application id (Gloo's connectors address clients that way)", async () => {
    const reply = await spi.call('PUT', `/applications/${encodeURIComponent(client.id)}/api-products`, {
      body: { apiProducts: ['tracks'] },
    });
    expect(reply.status, reply.text).toBe(204);
    expect(await tokenScopes(client)).toEqual(['tracks']);
  });

  it('accepts and ignores Gloo passthrough members', async () => {
    const reply = await spi.call('PUT', '/applications/a0897e6d0ea94f589c38278bca4e9342/api-products', {
      body: { apiProducts: ['tracks', 'petstore'], passthrough: { UserPoolId: 'ignored' } },
    });
    expect(reply.status).toBe(204);
    expect(await tokenScopes(client)).toEqual(['petstore', 'tracks']);
  });

  it('deleting an API product takes its scope off the client', async () => {
    expect((await spi.call('DELETE', '/api-products/petstore')).status).toBe(204);
    expect((await idp.adapter.getClient(client.id)).scopes).toEqual(['tracks']);
    expect(await tokenScopes(client)).toEqual(['tracks']);
    expectError(await spi.call('DELETE', '/api-products/petstore'), 404, /petstore/);
  });

  it('deleting the application deletes the client: no more tokens, a second delete is 404', async () => {
    const reply = await spi.call('DELETE', '/applications/a0897e6d0ea94f589c38278bca4e9342');
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await clientCredentials(tokenEndpoint, client)).body.error).toBe('invalid_client');
    expectError(
      await spi.call('DELETE', '/applications/a0897e6d0ea94f589c38278bca4e9342'),
      404,
      /Application a0897e6d0ea94f589c38278bca4e9342/,
    );
  });

  it('a deleted application id can be created again', async () => {
    const reply = await spi.call('POST', '/applications', { body: { id: 'a0897e6d0ea94f589c38278bca4e9342' } });
    expect(reply.status).toBe(201);
    const fresh = reply.json as { clientId: string };
    expect(fresh.clientId).not.toBe(client.id);
    expect((await spi.call('DELETE', `/applications/${fresh.clientId}`)).status).toBe(204);
  });
});

describe('conflicts', () => {
  it('a second create of the same application is 409 and leaves the first client alone', async () => {
    const first = await spi.call('POST', '/applications', { body: { id: 'twice' } });
    expect(first.status).toBe(201);
    const second = await spi.call('POST', '/applications', { body: { id: 'twice' } });
    expectError(second, 409, /application twice already exists/i);
    const { clientId, clientSecret } = first.json as { clientId: string; clientSecret: string };
    expect(await idp.adapter.listClients()).toEqual(
      expect.arrayContaining([expect.objectContaining({ clientId, clientName: 'lanyard-twice' })]),
    );
    expect((await spi.call('PUT', '/applications/twice/api-products', { body: { apiProducts: ['tracks'] } })).status).toBe(204);
    expect(await tokenScopes({ id: clientId, secret: clientSecret })).toEqual(['tracks']);
  });

  it('a second create of the same API product is 409', async () => {
    expect((await spi.call('POST', '/api-products', { body: { apiProduct: { name: 'dup' } } })).status).toBe(201);
    expectError(
      await spi.call('POST', '/api-products', { body: { apiProduct: { name: 'dup', description: 'again' } } }),
      409,
      /dup already exists/,
    );
    expect((await idp.adapter.listApiProducts()).filter((p) => p.id === 'dup')).toHaveLength(1);
  });
});

describe('bad requests are 400, never 500', () => {
  const bad: [string, string, { raw?: string | Uint8Array<ArrayBuffer>; body?: unknown }, RegExp][] = [
    ['POST', '/applications', { raw: '{"id": ' }, /not valid JSON/],
    ['POST', '/applications', { raw: '' }, /JSON body is required/],
    ['POST', '/applications', { raw: 'null' }, /body/],
    ['POST', '/applications', { body: [] }, /body/],
    ['POST', '/applications', { body: {} }, /id/],
    ['POST', '/applications', { body: { id: 42 } }, /id/],
    ['POST', '/applications', { body: { id: '' } }, /id: is required/],
    ['POST', '/applications', { body: { id: 'has space' } }, /id: must be letters/],
    ['POST', '/applications', { body: { id: '../../etc' } }, /id: must be letters/],
    ['POST', '/applications', { body: { id: 'x'.repeat(121) } }, /at most 120/],
    ['POST', '/api-products', { body: {} }, /apiProduct/],
    ['POST', '/api-products', { body: { name: 'tracks' } }, /apiProduct/],
    ['POST', '/api-products', { body: { apiProduct: { name: 'has space' } } }, /apiProduct\.name/],
    ['POST', '/api-products', { body: { apiProduct: { name: 'Upper' } } }, /apiProduct\.name/],
    ['POST', '/api-products', { body: { apiProduct: { name: 'ok', description: 7 } } }, /apiProduct\.description/],
    ['POST', '/api-products', { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }, /not UTF-8/],
    ['POST', '/api-products', { raw: '{"apiProduct": {"name": "a"}} trailing' }, /not valid JSON/],
    ['PUT', '/applications/twice/api-products', { body: { apiProducts: 'tracks' } }, /apiProducts/],
    ['PUT', '/applications/twice/api-products', { body: { apiProducts: [''] } }, /apiProducts\.0/],
    ['PUT', '/applications/twice/api-products', { body: { apiProducts: [1] } }, /apiProducts\.0/],
    ['PUT', '/applications/twice/api-products', { raw: 'not json' }, /not valid JSON/],
  ];

  it.each(bad)('%s %s %j → 400', async (method, path, body, reason) => {
    expectError(await spi.call(method, path, body), 400, reason);
  });

  it('PUT with an API product the IdP does not know is 400 and changes nothing', async () => {
    await spi.call('PUT', '/applications/twice/api-products', { body: { apiProducts: ['tracks'] } });
    const reply = await spi.call('PUT', '/applications/twice/api-products', { body: { apiProducts: ['tracks', 'nonexistent'] } });
    expectError(reply, 400, /no API product named nonexistent/);
    const twice = (await idp.adapter.listClients()).find((c) => c.clientName === 'lanyard-twice')!;
    expect(twice.scopes).toEqual(['tracks']);
  });

  it('a body over 64 KiB is 413 without being parsed', async () => {
    const reply = await spi.call('POST', '/api-products', {
      raw: JSON.stringify({ apiProduct: { name: 'big', description: 'x'.repeat(70_000) } }),
    });
    expectError(reply, 413);
    expect((await idp.adapter.listApiProducts()).map((p) => p.id)).not.toContain('big');
  });
});

describe('not found and method not allowed', () => {
  it('an unknown application is 404 for DELETE and PUT', async () => {
    expectError(await spi.call('DELETE', '/applications/ghost'), 404, /Application ghost does not exist/);
    expectError(await spi.call('PUT', '/applications/ghost/api-products', { body: { apiProducts: [] } }), 404, /Application ghost/);
  });

  it('an unknown API product is 404 for DELETE', async () => {
    expectError(await spi.call('DELETE', '/api-products/ghost'), 404, /API product ghost does not exist/);
  });

  it('unknown paths are 404', async () => {
    for (const path of ['', '/', '/nope', '/applications/', '/applications/x/y', '/api-products/a/b', '/applications/oauth2/extra/more']) {
      expectError(await spi.call('GET', path), 404);
    }
  });

  it('a method the path does not offer is 405 with Allow', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/applications', 'POST'],
      ['PATCH', '/applications/x', 'DELETE'],
      ['POST', '/applications/x/api-products', 'PUT'],
      ['DELETE', '/api-products', 'GET, POST'],
      ['PUT', '/api-products/x', 'DELETE'],
    ];
    for (const [method, path, allow] of cases) {
      const reply = await spi.call(method, path, method === 'GET' ? {} : { body: {} });
      expectError(reply, 405);
      expect(reply.headers.get('allow')).toBe(allow);
    }
  });

  it('paths outside the base path are not the handler’s', async () => {
    expect(await spi.handler(new Request('http://localhost/api/products'))).toBeUndefined();
    expect(await spi.handler(new Request('http://localhost/api/spi/v10/applications'))).toBeUndefined();
    expect(spi.handler.owns('/api/spi/v1')).toBe(true);
    const res = await fetch(`${spi.url}/api/spi/v1x`);
    expect(res.status).toBe(418);
    await res.text();
  });
});

describe('API product ids that are URIs (Cognito style)', () => {
  const uri = 'https://api.example.com/tracks';

  it('are created, listed, subscribed and deleted, the name percent-encoded as one path segment', async () => {
    expect(
      (await spi.call('POST', '/api-products', { body: { apiProduct: { name: uri, description: 'Tracks on Cognito' } } })).status,
    ).toBe(201);
    expect((await spi.call('GET', '/api-products')).json).toContainEqual({ name: uri, description: 'Tracks on Cognito' });
    const app = (await spi.call('POST', '/applications', { body: { id: 'uri-app' } })).json as { clientId: string; clientSecret: string };
    expect((await spi.call('PUT', '/applications/uri-app/api-products', { body: { apiProducts: [uri] } })).status).toBe(204);
    expect(await tokenScopes({ id: app.clientId, secret: app.clientSecret })).toEqual([uri]);
    expect((await spi.call('DELETE', `/api-products/${encodeURIComponent(uri)}`)).status).toBe(204);
    expect((await idp.adapter.getClient(app.clientId)).scopes).toEqual([]);
    expectError(await spi.call('DELETE', `/api-products/${encodeURIComponent(uri)}`), 404);
  });

  it('a malformed percent-encoding is 404, not 500', async () => {
    expectError(await spi.call('DELETE', '/api-products/%E0%A4%A'), 404);
  });
});

describe('change events (for the audit log)', () => {
  it('reports each IdP change once with its outcome, and never a secret', async () => {
    const from = spi.events.length;
    const created = (await spi.call('POST', '/applications', { body: { id: 'audited' } })).json as {
      clientId: string;
      clientSecret: string;
    };
    await spi.call('POST', '/applications', { body: { id: 'audited' } });
    await spi.call('PUT', '/applications/audited/api-products', { body: { apiProducts: ['tracks'] } });
    await spi.call('DELETE', '/api-products/ghost');
    await spi.call('POST', '/applications', { body: { id: 'bad id' } }); // refused before the IdP: no event
    await spi.call('GET', '/api-products'); // a read: no event
    await spi.call('DELETE', '/applications/audited');
    const events = spi.events.slice(from);
    expect(events.map((e) => [e.action, e.target, e.outcome])).toEqual([
      ['spi.application.create', 'application:audited', 'success'],
      ['spi.application.create', 'application:audited', 'failure'],
      ['spi.application.set_api_products', 'application:audited', 'success'],
      ['spi.api_product.delete', 'api_product:ghost', 'failure'],
      ['spi.application.delete', 'application:audited', 'success'],
    ]);
    expect(events[0]!.detail).toEqual({ clientId: created.clientId });
    expect(events[1]!.detail).toEqual({ error: 'conflict' });
    expect(events[2]!.detail).toEqual({ clientId: created.clientId, apiProducts: ['tracks'] });
    expect(JSON.stringify(events)).not.toContain(created.clientSecret);
  });
});
