import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdpError, invalidInput, unavailable } from '@/lib/idp/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { expectError, startSpi, type RunningSpi } from './spi-server';

// How the SPI over HTTP answers when the IdP fails: the real embedded
// adapter, with single operations made to fail the ways the cloud adapters
// can (throttling, outages, refused input, bugs). Every response is still
// checked against the OpenAPI document (spi-server.ts).

let idp: RunningIdp;
let spi: RunningSpi;
let faults: Partial<IdpAdapter> = {};
let adapterBroken = false;
const deleted: string[] = [];

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  // The real adapter, with whatever `faults` holds put over it for one test.
  const adapter = new Proxy(idp.adapter, {
    get(target, prop, receiver) {
      const fault = faults[prop as keyof IdpAdapter];
      if (fault !== undefined) return fault;
      if (prop === 'deleteClient') {
        return async (clientId: string) => {
          deleted.push(clientId);
          await target.deleteClient(clientId);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  spi = await startSpi(
    () => {
      if (adapterBroken) throw new Error('The okta adapter is not available in this build');
      return adapter;
    },
    async (event) => {
      if (event.target === 'api_product:audit-fails') throw new Error('the audit database is down');
    },
  );
});

beforeEach(() => {
  faults = {};
  adapterBroken = false;
});

afterAll(async () => {
  await spi?.stop();
  await idp?.stop();
});

describe('IdpError codes map to HTTP statuses', () => {
  it('unavailable → 503 with the Retry-After the IdP asked for', async () => {
    faults.listApiProducts = async () => {
      throw unavailable('Okta is rate limiting (429)', { retryAfterSeconds: 6.2, idpRequestId: 'req-123' });
    };
    const reply = await spi.call('GET', '/api-products');
    expectError(reply, 503, /rate limiting/);
    expect(reply.headers.get('retry-after')).toBe('7');
  });

  it('unavailable without a hint → 503 with a default Retry-After', async () => {
    faults.createApiProduct = async () => {
      throw unavailable('Cognito did not answer');
    };
    const reply = await spi.call('POST', '/api-products', { body: { apiProduct: { name: 'slow' } } });
    expectError(reply, 503, /did not answer/);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("the IdP's request id reaches the change event of a failure", async () => {
    faults.createClient = async () => {
      throw unavailable('throttled', { retryAfterSeconds: 1, idpRequestId: 'aws-req-9' });
    };
    const from = spi.events.length;
    expectError(await spi.call('POST', '/applications', { body: { id: 'throttled' } }), 503);
    expect(spi.events.slice(from)).toEqual([
      {
        action: 'spi.application.create',
        target: 'application:throttled',
        outcome: 'failure',
        idpRequestId: 'aws-req-9',
        detail: { error: 'unavailable' },
      },
    ]);
  });

  it('invalid_input from the IdP → 400', async () => {
    faults.createApiProduct = async () => {
      throw invalidInput('Cognito refused the scope name: it is too long for the resource server');
    };
    expectError(await spi.call('POST', '/api-products', { body: { apiProduct: { name: 'long-name' } } }), 400, /too long/);
  });

  it('conflict and not_found from the IdP → 409 and 404', async () => {
    faults.deleteApiProduct = async () => {
      throw new IdpError('conflict', 'the scope is still in use by an access policy');
    };
    expectError(await spi.call('DELETE', '/api-products/x'), 409, /still in use/);
    faults.deleteApiProduct = async () => {
      throw new IdpError('not_found', 'API product x does not exist in the IdP');
    };
    expectError(await spi.call('DELETE', '/api-products/x'), 404);
  });

  it('any other error → 500 that does not describe the internals', async () => {
    faults.listApiProducts = async () => {
      throw new Error('ECONNRESET at /internal/secret/path');
    };
    const reply = await spi.call('GET', '/api-products');
    expectError(reply, 500, /unexpected error/);
    expect(reply.text).not.toContain('ECONNRESET');
  });

  it('an adapter that cannot be built → 500, not a crash', async () => {
    adapterBroken = true;
    expectError(await spi.call('DELETE', '/applications/anything'), 500);
    expectError(await spi.call('GET', '/api-products'), 500);
    adapterBroken = false;
    expect((await spi.call('GET', '/api-products')).status).toBe(200);
  });
});

describe('application lookup', () => {
  it('never reaches a client the SPI did not create, even by its client id', async () => {
    faults.listClients = async () => [
      ...(await idp.adapter.listClients()),
      // What a misbehaving adapter might list: the portal's own sign-in client.
      { clientId: 'portal-signin', clientName: 'Lanyard portal', scopes: [] },
    ];
    expectError(await spi.call('DELETE', '/applications/portal-signin'), 404);
    expectError(await spi.call('PUT', '/applications/portal-signin/api-products', { body: { apiProducts: [] } }), 404);
    expect(deleted).not.toContain('portal-signin');
  });

  it('an application id wins over a client id that happens to be equal', async () => {
    const a = (await spi.call('POST', '/applications', { body: { id: 'first' } })).json as { clientId: string };
    faults.listClients = async () => [
      ...(await idp.adapter.listClients()),
      // A client whose id is another application's id: the application id wins.
      { clientId: 'first', clientName: 'lanyard-other', scopes: [] },
    ];
    faults.deleteClient = async (clientId: string) => {
      deleted.push(clientId);
      await idp.adapter.deleteClient(clientId);
    };
    expect((await spi.call('DELETE', '/applications/first')).status).toBe(204);
    expect(deleted.at(-1)).toBe(a.clientId);
  });
});

describe('change events', () => {
  it('a failing onChange is logged and does not change the answer (the IdP has already changed)', async () => {
    const reply = await spi.call('POST', '/api-products', { body: { apiProduct: { name: 'audit-fails' } } });
    expect(reply.status).toBe(201);
    expect((await idp.adapter.listApiProducts()).map((p) => p.id)).toContain('audit-fails');
  });
});
