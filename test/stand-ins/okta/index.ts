import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRoutes } from './apps';
import { authorizationServerRoutes } from './authorization-server';
import { errors, OktaHttpError, readJson, requestId, sendEmpty, sendJson, sendOktaError } from './http';
import { authorizeEndpoint } from './authorize';
import { introspectionEndpoint, metadata, newSigningKey, revocationEndpoint, tokenEndpoint } from './oauth';
import { newOrg, oktaId, type Org } from './org';
import { findRoute, type Call } from './routes';

// A local Okta org for tests: the management API calls the Okta adapter makes
// through @okta/okta-sdk-nodejs, and the custom authorization server's token
// and keys endpoints, on 127.0.0.1. See README.md for what it covers.

export interface OktaStandInOptions {
  authServerId?: string;
  audience?: string;
  /** Seed Okta's out-of-the-box ALL_CLIENTS catch-all policy (README: why Lanyard's server must not have one). */
  catchAllPolicy?: boolean;
  /** Largest page a list answers with (Okta: 200); lower it to make the SDK follow `Link: rel="next"`. */
  maxPageSize?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/apps?q=lanyard-&limit=200`. */
  path: string;
  body?: Record<string, unknown>;
  status?: number;
  /** The X-Okta-Request-Id the answer carried. */
  requestId: string;
}

export interface OktaStandIn {
  orgUrl: string;
  apiToken: string;
  authServerId: string;
  issuer: string;
  audience: string;
  /** The org's state, for assertions (and for arranging what the adapter alone cannot, e.g. a hand-made rule). */
  org: Org;
  /** Every management API request, in order. */
  requests: RecordedRequest[];
  /**
   * The next `count` management calls (after letting `afterCalls` through)
   * answer 429 E0000047, with X-Rate-Limit-Reset `resetInSeconds` ahead.
   */
  throttleNext(count: number, resetInSeconds?: number, afterCalls?: number): void;
  /** The next `count` management calls answer `status` (default 500, E0000009). */
  failNext(count: number, status?: number): void;
  stop(): Promise<void>;
}

const RATE_LIMIT = 600;

// RSA key generation is the slowest part of starting a stand-in; tests start
// many, and nothing depends on each having its own key (issuers differ).
let sharedKey: ReturnType<typeof newSigningKey> | undefined;

export async function startOktaStandIn(options: OktaStandInOptions = {}): Promise<OktaStandIn> {
  const apiToken = `00${oktaId('').slice(0, 20)}${oktaId('').slice(0, 20)}`;
  const authServerId = options.authServerId ?? oktaId('aus');
  const audience = options.audience ?? 'api://lanyard';
  const maxPageSize = options.maxPageSize ?? 200;
  const key = await (sharedKey ??= newSigningKey());
  const requests: RecordedRequest[] = [];
  const routes = [...appRoutes, ...authorizationServerRoutes(key.kid)];
  let throttle = { remaining: 0, resetInSeconds: 0, skip: 0 };
  let failures = { remaining: 0, status: 500 };
  let window = { start: 0, used: 0 };
  let origin = '';
  let org: Org | undefined;

  function rateLimitHeaders(res: ServerResponse, exhaustedFor?: number) {
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (nowSeconds - window.start >= 60) window = { start: nowSeconds, used: 0 };
    window.used += 1;
    res.setHeader('x-rate-limit-limit', String(RATE_LIMIT));
    res.setHeader('x-rate-limit-remaining', String(exhaustedFor ? 0 : Math.max(0, RATE_LIMIT - window.used)));
    res.setHeader('x-rate-limit-reset', String(exhaustedFor ? nowSeconds + exhaustedFor : window.start + 60));
  }

  async function management(req: IncomingMessage, res: ServerResponse, url: URL, id: string, o: Org) {
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, requestId: id };
    requests.push(record);
    try {
      if (throttle.remaining > 0 && throttle.skip > 0) throttle.skip -= 1;
      else if (throttle.remaining > 0) {
        throttle.remaining -= 1;
        rateLimitHeaders(res, throttle.resetInSeconds);
        throw errors.rateLimited();
      }
      rateLimitHeaders(res);
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        throw new OktaHttpError(failures.status, 'E0000009', 'Internal Server Error');
      }
      if (req.headers.authorization !== `SSWS ${apiToken}`) throw errors.invalidToken();
      const found = findRoute(routes, record.method, url.pathname);
      if (found === 'method') throw errors.methodNotAllowed();
      if (!found) throw errors.notFound(url.pathname);
      let body: Promise<Record<string, unknown>> | undefined;
      const call: Call = {
        org: o,
        url,
        params: found.params,
        origin,
        maxPageSize,
        json: () => (body ??= readJson(req).then((b) => (record.body = b))),
      };
      const reply = await found.handler(call);
      record.status = reply.status;
      if (reply.status === 204) sendEmpty(res);
      else sendJson(res, reply.status, reply.body ?? {}, reply.headers);
    } catch (err) {
      const oktaErr = err instanceof OktaHttpError ? err : errors.internal();
      record.status = oktaErr.status;
      sendOktaError(res, oktaErr, id);
    }
  }

  async function oauth2(req: IncomingMessage, res: ServerResponse, url: URL, id: string, o: Org) {
    const match =
      /^\/oauth2\/([^/]+)\/(v1\/token|v1\/keys|v1\/authorize|v1\/introspect|v1\/revoke|\.well-known\/oauth-authorization-server)$/.exec(
        url.pathname,
      );
    if (!match || match[1] !== o.server.id) return sendOktaError(res, errors.notFound(url.pathname), id);
    const [, , endpoint] = match;
    res.setHeader('cache-control', 'no-cache, no-store');
    res.setHeader('pragma', 'no-cache');
    if (endpoint === 'v1/authorize') {
      if (req.method !== 'GET') return sendOktaError(res, errors.methodNotAllowed(), id);
      const reply = authorizeEndpoint(url, o);
      if (reply.location) {
        res.writeHead(reply.status, { location: reply.location });
        return res.end();
      }
      return sendJson(res, reply.status, reply.body);
    }
    const posts = { 'v1/token': tokenEndpoint, 'v1/introspect': introspectionEndpoint, 'v1/revoke': revocationEndpoint } as const;
    if (endpoint && endpoint in posts) {
      if (req.method !== 'POST') return sendOktaError(res, errors.methodNotAllowed(), id);
      const reply = await posts[endpoint as keyof typeof posts](req, o, key);
      return sendJson(res, reply.status, reply.body);
    }
    if (req.method !== 'GET') return sendOktaError(res, errors.methodNotAllowed(), id);
    return sendJson(res, 200, endpoint === 'v1/keys' ? { keys: [key.publicJwk] } : metadata(o));
  }

  const server = createServer((req, res) => {
    const id = requestId();
    res.setHeader('x-okta-request-id', id);
    const url = new URL(req.url ?? '/', origin);
    const o = org!;
    const handled = url.pathname.startsWith('/api/v1/') ? management(req, res, url, id, o) : oauth2(req, res, url, id, o);
    handled.catch(() => {
      if (!res.headersSent) sendOktaError(res, errors.internal(), id);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/oauth2/${authServerId}`;
  org = newOrg({ authServerId, issuer, audience, catchAllPolicy: options.catchAllPolicy ?? false });

  return {
    orgUrl: origin,
    apiToken,
    authServerId,
    issuer,
    audience,
    org,
    requests,
    throttleNext: (count, resetInSeconds = 30, afterCalls = 0) => (throttle = { remaining: count, resetInSeconds, skip: afterCalls }),
    failNext: (count, status = 500) => (failures = { remaining: count, status }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
