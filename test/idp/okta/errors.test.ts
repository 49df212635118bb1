import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdpError } from '@/lib/idp/errors';
import { oktaAdapter } from '@/lib/idp/okta/adapter';
import { toIdpError } from '@/lib/idp/okta/errors';
import { startOktaStandIn, type OktaStandIn } from '../../stand-ins/okta';

// Okta's failures, as the SDK surfaces them, become the SPI's typed errors:
// throttling and outages are `unavailable` with a retry hint and Okta's
// request id (for the audit log and support tickets).

let okta: OktaStandIn;
let adapter: ReturnType<typeof oktaAdapter>;
let clientId: string;

async function failure(promise: Promise<unknown>): Promise<IdpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IdpError);
  return err as IdpError;
}

beforeAll(async () => {
  okta = await startOktaStandIn();
  adapter = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: okta.authServerId });
  clientId = (await adapter.createClient({ appId: 'errors' })).clientId;
});
afterAll(() => okta.stop());

describe('Okta adapter: error mapping', () => {
  it('429 E0000047 → unavailable, retryAfterSeconds from X-Rate-Limit-Reset, Okta request id; no silent retry', async () => {
    const before = okta.requests.length;
    okta.throttleNext(1, 42);
    const err = await failure(adapter.getClient(clientId));
    const sent = okta.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('E0000047');
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(41);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(43);
    expect(err.idpRequestId).toBe(sent[0]!.requestId);
    // The window passed: the same call works.
    expect((await adapter.getClient(clientId)).clientId).toBe(clientId);
  });

  it('a 429 half-way through an operation surfaces, grants nothing, and repeating the operation finishes it', async () => {
    await adapter.createApiProduct({ id: 'tracks' });
    // GET app, GET scopes, GET policies, POST policy go through; POST rule is throttled.
    okta.throttleNext(1, 30, 4);
    await expect(adapter.setClientApiProducts(clientId, ['tracks'])).rejects.toMatchObject({ code: 'unavailable' });
    expect(okta.requests.at(-1)).toMatchObject({ method: 'POST', status: 429 });
    expect(okta.requests.at(-1)!.path).toMatch(/\/rules$/);
    expect((await adapter.getClient(clientId)).scopes).toEqual([]);
    await adapter.setClientApiProducts(clientId, ['tracks']);
    expect((await adapter.getClient(clientId)).scopes).toEqual(['tracks']);
    expect(okta.org.server.policies.filter((p) => p.conditions.clients.include.includes(clientId))).toHaveLength(1);
  });

  it('5xx → unavailable with a retry hint', async () => {
    okta.failNext(1, 503);
    const err = await failure(adapter.listApiProducts());
    expect(err.code).toBe('unavailable');
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.idpRequestId).toBe(okta.requests.at(-1)!.requestId);
  });

  it('a bad SSWS token → unavailable naming the token (E0000011), not not_found', async () => {
    const wrong = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: 'not-the-token', authServerId: okta.authServerId });
    const err = await failure(wrong.getClient(clientId));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/E0000011.*LANYARD_OKTA_API_TOKEN/);
    expect(err.idpRequestId).toBe(okta.requests.at(-1)!.requestId);
    expect(okta.requests.at(-1)!.status).toBe(401);
  });

  it('404 E0000007 → not_found; an unknown authorization server is not_found too', async () => {
    expect((await failure(adapter.getClient('0oaNoSuchApp000000001'))).code).toBe('not_found');
    const elsewhere = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: 'ausNoSuchServer000001' });
    expect((await failure(elsewhere.listApiProducts())).code).toBe('not_found');
  });

  it('no answer at all (connection refused) → unavailable', async () => {
    const nowhere = oktaAdapter({ orgUrl: 'http://127.0.0.1:9', apiToken: okta.apiToken, authServerId: okta.authServerId });
    const err = await failure(nowhere.listClients());
    expect(err.code).toBe('unavailable');
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('E0000001 on create means conflict only when the name really exists; otherwise invalid_input', () => {
    const validation = {
      status: 400,
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: name',
      headers: new Headers({ 'x-okta-request-id': 'req-1' }),
    };
    const mapped = toIdpError(validation, 'API product x');
    expect(mapped).toMatchObject({ code: 'invalid_input', idpRequestId: 'req-1' });
    expect(mapped.message).toContain('E0000001');
  });

  it('a secret cannot be retired while it is the only active one; a third cannot be created', async () => {
    const [only] = await adapter.listClientSecrets(clientId);
    expect((await failure(adapter.retireClientSecret(clientId, only!.secretId))).code).toBe('invalid_input');
    await adapter.rotateClientSecret(clientId);
    expect((await failure(adapter.rotateClientSecret(clientId))).code).toBe('conflict');
  });
});
