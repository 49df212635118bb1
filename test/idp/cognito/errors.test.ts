import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InvalidParameterException,
  LimitExceededException,
  ScopeDoesNotExistException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoAdapter } from '@/lib/idp/cognito/adapter';
import { toIdpError } from '@/lib/idp/cognito/errors';
import { IdpError } from '@/lib/idp/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { startCognitoStandIn, type CognitoStandIn } from '../../stand-ins/cognito';

// AWS failures become the SPI's typed errors, with the AWS request id for the
// audit log, and throttling becomes `unavailable` with a time to wait.

async function failure(promise: Promise<unknown>): Promise<IdpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected an IdpError').toBeInstanceOf(IdpError);
  return err as IdpError;
}

describe('cognito adapter: AWS errors as IdpErrors', () => {
  let standIn: CognitoStandIn;
  let adapter: IdpAdapter;
  let noRetries: IdpAdapter;
  let clientId: string;

  beforeAll(async () => {
    standIn = await startCognitoStandIn();
    adapter = cognitoAdapter(standIn.adapterOptions);
    noRetries = cognitoAdapter({ ...standIn.adapterOptions, maxAttempts: 1 });
    await adapter.createApiProduct({ id: 'tracks' });
    clientId = (await adapter.createClient({ appId: 'errors-app' })).clientId;
  });
  afterAll(() => standIn?.stop());

  it('throttling, still throttled after the SDK gave up, is unavailable with a wait and the request id', async () => {
    standIn.failNext(1, 'TooManyRequestsException');
    const err = await failure(noRetries.getClient(clientId));
    expect(err.code).toBe('unavailable');
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    const throttled = standIn.calls.at(-1)!;
    expect(throttled.operation).toBe('DescribeUserPoolClient');
    expect(err.idpRequestId).toBe(throttled.requestId);
    // The service recovered: the next call works.
    expect((await noRetries.getClient(clientId)).clientId).toBe(clientId);
  });

  it('a short burst of throttling is absorbed by the SDK retries', async () => {
    standIn.failNext(1, 'TooManyRequestsException');
    expect((await adapter.getClient(clientId)).clientId).toBe(clientId);
  });

  it('an internal error is unavailable too', async () => {
    standIn.failNext(1, 'InternalErrorException');
    const err = await failure(noRetries.listApiProducts());
    expect(err).toMatchObject({ code: 'unavailable' });
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.idpRequestId).toBe(standIn.calls.at(-1)!.requestId);
  });

  it('an unreachable Cognito is unavailable with a wait', async () => {
    const other = await startCognitoStandIn();
    await other.stop();
    const offline = cognitoAdapter({ ...other.adapterOptions, maxAttempts: 1 });
    const err = await failure(offline.getClient(clientId));
    expect(err.code).toBe('unavailable');
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('an unknown client is not_found, with the request id of the refusal', async () => {
    const err = await failure(adapter.getClient('abcdefghijklmnopqrstuvwxyz'));
    expect(err.code).toBe('not_found');
    expect(err.idpRequestId).toBe(standIn.calls.at(-1)!.requestId);
    // An id Cognito could never issue is not_found without asking (Cognito would say InvalidParameter).
    const calls = standIn.calls.length;
    expect((await failure(adapter.getClient('no-such-client'))).code).toBe('not_found');
    expect(standIn.calls.length).toBe(calls);
  });

  it("the pool's other clients are not the SPI's: not_found, and left alone", async () => {
    const sdk = new CognitoIdentityProviderClient({ region: standIn.region, endpoint: standIn.url, credentials: standIn.credentials });
    const res = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: standIn.userPoolId, ClientName: 'portal-sign-in' }));
    sdk.destroy();
    const foreign = res.UserPoolClient!.ClientId!;
    expect((await failure(adapter.getClient(foreign))).code).toBe('not_found');
    expect((await failure(adapter.deleteClient(foreign))).code).toBe('not_found');
    expect((await failure(adapter.setClientApiProducts(foreign, ['tracks']))).code).toBe('not_found');
    expect(standIn.pool.clients.has(foreign)).toBe(true);
    expect((await adapter.listClients()).map((c) => c.clientId)).not.toContain(foreign);
  });

  it('secrets: a third is a conflict, the last one cannot be retired', async () => {
    const [only] = await adapter.listClientSecrets!(clientId);
    expect((await failure(adapter.retireClientSecret!(clientId, only!.secretId))).code).toBe('invalid_input');
    await adapter.rotateClientSecret!(clientId);
    expect((await failure(adapter.rotateClientSecret!(clientId))).code).toBe('conflict');
    expect(await adapter.listClientSecrets!(clientId)).toHaveLength(2);
  });

  it('the mapping table', () => {
    const $metadata = { requestId: 'req-1', httpStatusCode: 400 };
    expect(toIdpError(new ScopeDoesNotExistException({ message: 'Invalid scope requested: x', $metadata }))).toMatchObject({
      code: 'invalid_input',
      idpRequestId: 'req-1',
    });
    expect(toIdpError(new InvalidParameterException({ message: 'bad', $metadata }))).toMatchObject({ code: 'invalid_input' });
    const quota = toIdpError(new LimitExceededException({ message: 'too many scopes', $metadata }));
    expect(quota).toMatchObject({ code: 'unavailable', idpRequestId: 'req-1' });
    expect(quota.retryAfterSeconds).toBeGreaterThan(0);
    expect(toIdpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 'unavailable' });
    const existing = new IdpError('conflict', 'already there');
    expect(toIdpError(existing)).toBe(existing);
  });
});
