import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpiHandler, nodeSpiRoute } from '@/lib/spi-http';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';

// Lanyard as a drop-in for Gloo Platform Portal's IdP connector. Gloo's
// portal server calls its connector inside the cluster without an
// Authorization header (or with a `token` header), and its e2e test expects:
// POST /applications {"id"} → 201 {clientId, clientSecret, clientName == id};
// DELETE /applications/{clientId} → 204; a missing or empty id → 400.
// These tests replay those expectations against both Gloo modes.

const TOKEN = 'gloo-portal-token-0123456789abcdefghijklmnop';
let idp: RunningIdp;
const servers: Server[] = [];

async function serve(auth: Parameters<typeof createSpiHandler>[0]['auth']): Promise<string> {
  const route = nodeSpiRoute(createSpiHandler({ basePath: '/v1', auth, glooClientNames: true, adapter: () => idp.adapter }));
  const server = createServer((req, res) => void (route(req, res) || res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

beforeAll(async () => {
  idp = await startEmbeddedIdp();
});
afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  await idp.stop();
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/applications`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe.each([
  ['the internal port (no authentication)', { kind: 'none' as const }, {}],
  ['Gloo’s token header', { kind: 'gloo-token' as const, token: TOKEN }, { token: TOKEN }],
])('Gloo IdP Connect through %s', (_mode, auth, headers: Record<string, string>) => {
  it('creates an application as Gloo expects, and deletes it by its client id', async () => {
    const url = await serve(auth);
    const id = `gloo-${Math.random().toString(36).slice(2, 10)}`;
    const created = await post(url, JSON.stringify({ id }), headers);
    expect(created.status).toBe(201);
    const body = (await created.json()) as { clientId: string; clientSecret: string; clientName: string };
    expect(body.clientName).toBe(id);
    expect(body.clientId).toBeTruthy();
    expect(body.clientSecret.length).toBeGreaterThanOrEqual(20);
    // The IdP holds it under Lanyard's own name, so drift and reconcile still know it.
    expect((await idp.adapter.getClient(body.clientId)).clientName).toBe(`lanyard-${id}`);

    const deleted = await fetch(`${url}/applications/${encodeURIComponent(body.clientId)}`, { method: 'DELETE', headers });
    expect(deleted.status).toBe(204);
    await expect(idp.adapter.getClient(body.clientId)).rejects.toMatchObject({ code: 'not_found' });
    expect((await fetch(`${url}/applications/${encodeURIComponent(body.clientId)}`, { method: 'DELETE', headers })).status).toBe(404);
  });

  it('refuses a missing body or an empty id with 400', async () => {
    const url = await serve(auth);
    expect((await post(url, '', headers)).status).toBe(400);
    expect((await post(url, JSON.stringify({ id: '' }), headers)).status).toBe(400);
  });
});

describe('Gloo’s token header', () => {
  it('is checked: a wrong token, or none, is refused', async () => {
    const url = await serve({ kind: 'gloo-token', token: TOKEN });
    expect((await post(url, JSON.stringify({ id: 'x1' }), { token: 'wrong-token-wrong-token-wrong-token' })).status).toBe(401);
    expect((await post(url, JSON.stringify({ id: 'x2' }))).status).toBe(401);
    expect((await post(url, JSON.stringify({ id: 'x3' }), { authorization: `Bearer ${TOKEN}` })).status).toBe(201);
  });
});

describe('where the SPI is served', () => {
  it('in internal-port mode, only on the internal port: never on the public one', async () => {
    const { parseEnv } = await import('@/lib/env');
    const { internalSpiRoute, spiRoute } = await import('@/lib/server/portal-routes');
    const internal = parseEnv({ LANYARD_SPI_AUTH: 'internal-port', LANYARD_SPI_TOKEN: TOKEN });
    expect(spiRoute(internal)).toBeUndefined();
    expect(internalSpiRoute(internal)).toBeDefined();
    const bearer = parseEnv({ LANYARD_SPI_TOKEN: TOKEN });
    expect(spiRoute(bearer)).toBeDefined();
    expect(internalSpiRoute(bearer)).toBeUndefined();
  });
});
