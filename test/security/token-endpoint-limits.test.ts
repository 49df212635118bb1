import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { publishProduct } from '../helpers/portal-fixtures';
import { clientCredentials } from '../helpers/token-request';

// The embedded IdP's token endpoint over HTTP: each client has a request
// budget per minute, and an address that keeps failing client
// authentication is stopped before more guesses reach the secret check.

let idp: RunningIdp;
let client: { id: string; secret: string };
let other: { id: string; secret: string };

beforeAll(async () => {
  idp = await startEmbeddedIdp(undefined, 0, { tokenRequestsPerMinute: 3, tokenFailuresPerMinute: 2 });
  await publishProduct(idp.testDb.db, idp.adapter, 'tracks');
  const created = await idp.adapter.createClient({ appId: 'limited' });
  await idp.adapter.setClientApiProducts(created.clientId, ['tracks']);
  client = { id: created.clientId, secret: created.clientSecret };
  const second = await idp.adapter.createClient({ appId: 'unlimited' });
  await idp.adapter.setClientApiProducts(second.clientId, ['tracks']);
  other = { id: second.clientId, secret: second.clientSecret };
});
afterAll(() => idp.stop());

const tokenEndpoint = () => `${idp.issuer}/token`;

describe('token endpoint rate limits', () => {
  it('gives a client its budget, then answers 429 with Retry-After and an OAuth error body', async () => {
    for (let i = 0; i < 3; i++) expect((await clientCredentials(tokenEndpoint(), client)).status).toBe(200);
    const res = await fetch(tokenEndpoint(), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toMatchObject({ error: 'too_many_requests' });
    // Another client is not held back by this one's budget.
    expect((await clientCredentials(tokenEndpoint(), other)).status).toBe(200);
  });

  it('stops an address after failed client authentications, even for a right secret', async () => {
    for (let i = 0; i < 2; i++) expect((await clientCredentials(tokenEndpoint(), { id: other.id, secret: `wrong-${i}` })).status).toBe(401);
    // The failures are counted once each response is sent.
    await new Promise((r) => setTimeout(r, 100));
    expect((await clientCredentials(tokenEndpoint(), other)).status).toBe(429);
  });
});
