import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from './aws-error';
import type { Json } from './client-config';
import { PoolOAuth } from './oauth';
import { CognitoPool } from './pool';

// A local Amazon Cognito user pool for tests (see README.md): the JSON 1.1
// API the AWS SDK speaks (POST / with X-Amz-Target), the hosted domain's
// /oauth2/token, and the issuer's JWKS, all on one in-process HTTP server.
// Point the SDK at `url` with `endpoint` and any static credentials.

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_11 = 'application/x-amz-json-1.1';

export interface AwsCall {
  operation: string;
  input: Json;
  /** The x-amzn-RequestId answered. */
  requestId: string;
}

export interface CognitoStandInOptions {
  region?: string;
  userPoolId?: string;
  /** The resource server identifier the adapter under test is given (the stand-in creates nothing). */
  resourceServer?: string;
  /** Caps ListUserPoolClients pages below the requested MaxResults, to exercise pagination. */
  listPageLimit?: number;
}

export interface CognitoStandIn {
  /** Base URL: SDK endpoint and hosted domain at once. */
  url: string;
  region: string;
  userPoolId: string;
  resourceServer: string;
  issuer: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Static credentials for the SDK; the stand-in checks a request is signed, not the signature. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Options for cognitoAdapter() pointed at this stand-in. */
  adapterOptions: {
    region: string;
    userPoolId: string;
    resourceServer: string;
    domain: string;
    endpoint: string;
    issuer: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  pool: CognitoPool;
  /** Every API call received, in order (failed ones too). */
  calls: AwsCall[];
  /** The next `count` API calls (any operation) fail with `errorType`, as a throttled or failing service would. */
  failNext(count: number, errorType?: 'TooManyRequestsException' | 'InternalErrorException' | 'LimitExceededException'): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startCognitoStandIn(options: CognitoStandInOptions = {}): Promise<CognitoStandIn> {
  const region = options.region ?? 'us-east-1';
  const userPoolId = options.userPoolId ?? `${region}_StandIn01`;
  const resourceServer = options.resourceServer ?? 'https://api.example.com';
  const pool = new CognitoPool(userPoolId, options.listPageLimit);
  const calls: AwsCall[] = [];
  const faults: { left: number; type: string } = { left: 0, type: 'TooManyRequestsException' };
  let oauth: PoolOAuth | undefined;

  async function api(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const requestId = randomUUID();
    const fail = (err: AwsError) =>
      send(
        res,
        err.status,
        { __type: err.type, message: err.message },
        { 'content-type': JSON_11, 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.type },
      );
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    let input: Json;
    try {
      input = JSON.parse(body || '{}') as Json;
    } catch {
      return fail(new AwsError('SerializationException', 'The request body is not JSON.'));
    }
    calls.push({ operation, input, requestId });
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return fail(new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token'));
    }
    const handler = pool.operations[operation];
    if (!handler) return fail(new AwsError('UnknownOperationException', `The stand-in does not implement ${target || 'this request'}.`));
    if (faults.left > 0) {
      faults.left -= 1;
      const status = faults.type === 'InternalErrorException' ? 500 : 400;
      return fail(new AwsError(faults.type, 'Rate exceeded', status));
    }
    try {
      send(res, 200, handler(input), { 'content-type': JSON_11, 'x-amzn-requestid': requestId });
    } catch (err) {
      if (err instanceof AwsError) return fail(err);
      fail(new AwsError('InternalErrorException', (err as Error).message, 500));
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST' && path === '/') return api(req, res, body);
      if (req.method === 'POST' && path === '/oauth2/token') {
        const answer = await oauth!.token({ authorization: req.headers.authorization, 'content-type': req.headers['content-type'] }, body);
        return send(res, answer.status, answer.body, { 'content-type': 'application/json;charset=UTF-8' });
      }
      if (req.method === 'GET' && path === '/oauth2/authorize') {
        const answer = oauth!.authorize(new URL(req.url ?? '/', 'http://x').searchParams);
        if (answer.location) {
          res.writeHead(answer.status, { location: answer.location });
          return res.end();
        }
        return send(res, answer.status, answer.body, { 'content-type': 'application/json' });
      }
      if (req.method === 'POST' && path === '/oauth2/revoke') {
        const answer = oauth!.revoke({ authorization: req.headers.authorization, 'content-type': req.headers['content-type'] }, body);
        return send(res, answer.status, answer.body, { 'content-type': 'application/json' });
      }
      if (req.method === 'GET' && path === `/${userPoolId}/.well-known/jwks.json`)
        return send(res, 200, oauth!.jwks(), { 'content-type': 'application/json' });
      send(res, 404, { message: 'not a path of the Cognito stand-in' }, { 'content-type': 'application/json' });
    })().catch((err: Error) => send(res, 500, { message: err.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${url}/${userPoolId}`;
  oauth = await PoolOAuth.create(pool, issuer);
  const credentials = { accessKeyId: 'AKIASTANDIN000000000', secretAccessKey: 'stand-in-secret-access-key' };

  return {
    url,
    region,
    userPoolId,
    resourceServer,
    issuer,
    tokenEndpoint: `${url}/oauth2/token`,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    credentials,
    adapterOptions: { region, userPoolId, resourceServer, domain: url, endpoint: url, issuer, credentials },
    pool,
    calls,
    failNext(count, errorType = 'TooManyRequestsException') {
      faults.left = count;
      faults.type = errorType;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
