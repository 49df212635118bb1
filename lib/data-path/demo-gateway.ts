import {
  Agent,
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDemoUpstreams } from '../demo-upstreams/start-demo-upstreams';
import { PRODUCT_HEADER } from './authz-server';
import { denialResponder, unavailableResponse, type DenialResponse } from './denial-response';
import { JwksUnavailableError } from './jwks-cache';
import { admittedLimitHeaders, limitedResponse } from './limited-response';
import type { MeteredCheck } from './metered-check';
import { routeTable } from './route-table';
import type { DataPathCheck } from './types';
import { DEFAULT_UPSTREAM_HEADERS, type UpstreamHeaderNames } from './upstream-headers';
import type { UsageRecorder } from './usage/usage-recorder';
import { statusOutcome } from './usage/usage-row';

// A small reverse proxy standing in for Envoy/Gloo in front of the demo APIs:
// `/tracks/...` and `/petstore/...` (its route map) are checked — in process,
// or over HTTP against the ext_authz-shaped check exactly as Envoy would call
// it — and forwarded with the x-lanyard-* headers when admitted; refusals go
// back to the caller as the check gave them. CORS lets the portal's try-it
// console call it from the browser; preflights are answered before the check,
// as Envoy's CORS filter does.

export interface DemoGatewayRoute {
  productId: string;
  /** Base URL the rest of the path is appended to. */
  upstream: string;
}

export interface DemoGatewayHandlerOptions {
  /** The check, in process. */
  check?: DataPathCheck;
  /** Or the check over HTTP (scripts/authz.ts), e.g. http://127.0.0.1:9191. */
  authzUrl?: string;
  /** Path prefix → product and upstream. */
  routes: Readonly<Record<string, DemoGatewayRoute>>;
  /** Where the gateway is mounted, e.g. `/gateway` behind the portal. Default: the root. */
  basePath?: string;
  /** Browser origins allowed to call the gateway (the portal's). */
  allowedOrigins?: readonly string[];
  realm?: string;
  /**
   * In process: plans applied and decisions counted (metered-check.ts, with recordAdmitted off);
   * admitted calls are recorded into `usage` with the upstream's status and the time it took.
   */
  metering?: MeteredCheck;
  usage?: UsageRecorder;
  /** Names of the caller headers the upstream gets (and that the check over HTTP answers with). */
  upstreamHeaders?: UpstreamHeaderNames;
  /** Headers every response of a product carries (`Deprecation` and `Sunset` of a deprecated one: LimitsTable.productHeaders). */
  productHeaders?: (productId: string) => readonly string[];
}

export interface DemoGatewayOptions extends Omit<DemoGatewayHandlerOptions, 'routes'> {
  port?: number;
  host?: string;
  /** Default: `/tracks` and `/petstore`, served by the demo upstreams started alongside. */
  routes?: Readonly<Record<string, DemoGatewayRoute>>;
}

export interface RunningDemoGateway {
  url: string;
  stop(): Promise<void>;
}

export const DEMO_ROUTE_MAP = { '/tracks': 'tracks', '/petstore': 'petstore' } as const;

// RFC 9110 §7.6.1 hop-by-hop fields, plus what only the gateway may set.
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  PRODUCT_HEADER,
]);
const NOT_RETURNED = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const UPSTREAM_TIMEOUT_MS = 10_000;

type Admitted = { allow: true; clientId: string; subject: string; scope: string; limitHeaders?: readonly string[] };
type Decision = Admitted | { allow: false; response: DenialResponse };

// What the client may read of a response: the RateLimit fields included, so try-it can show them.
const EXPOSED = 'www-authenticate, x-demo-caller, content-length, ratelimit, ratelimit-policy, retry-after, deprecation, sunset';

function errorResponse(status: number, reason: string, message: string): DenialResponse {
  const body = Buffer.from(JSON.stringify({ code: status, message, reason }));
  return { status, headers: ['content-type', 'application/json', 'content-length', String(body.length)], body };
}

const notFound = errorResponse(404, 'not_found', 'no API product is served at this path');
const badGateway = errorResponse(502, 'bad_gateway', 'the API did not answer');
const gatewayTimeout = errorResponse(504, 'gateway_timeout', 'the API took too long to answer');
const authzUnavailable = errorResponse(503, 'authz_unavailable', 'the authorization service did not answer');

function send(res: ServerResponse, response: DenialResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (let i = 0; i < response.headers.length; i += 2) res.setHeader(response.headers[i]!, response.headers[i + 1]!);
  res.writeHead(response.status);
  res.end(response.body);
}

function forwardHeaders(headers: IncomingHttpHeaders, names: UpstreamHeaderNames): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const ours = new Set(Object.values(names));
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !NOT_FORWARDED.has(name) && !ours.has(name)) out[name] = value;
  return out;
}

export function createDemoGatewayHandler(
  options: DemoGatewayHandlerOptions,
): ((req: IncomingMessage, res: ServerResponse) => void) & { close(): void } {
  const { check, authzUrl } = options;
  if (!check === !authzUrl) throw new Error('the demo gateway needs exactly one of `check` or `authzUrl`');
  const basePath = options.basePath?.replace(/\/+$/, '') ?? '';
  const table = routeTable(Object.fromEntries(Object.keys(options.routes).map((prefix) => [prefix, prefix])));
  const routes = new Map(Object.entries(options.routes).map(([prefix, r]) => [prefix === '/' ? '' : prefix.replace(/\/+$/, ''), r]));
  const origins = new Set(options.allowedOrigins ?? []);
  const responseFor = denialResponder(options.realm ?? 'lanyard');
  const names = options.upstreamHeaders ?? DEFAULT_UPSTREAM_HEADERS;
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  // Like Envoy's path_prefix: the original path goes after whatever path the URL has.
  const authzBase = authzUrl?.replace(/\/+$/, '') ?? '';

  const { metering, usage } = options;

  async function decideInProcess(req: IncomingMessage, productId: string): Promise<Decision> {
    try {
      if (metering) {
        const decision = await metering.decide(req.headers.authorization, productId);
        const { result } = decision;
        if (result.allow)
          return {
            allow: true,
            clientId: result.clientId,
            subject: result.subject,
            scope: result.scope,
            limitHeaders: admittedLimitHeaders(decision),
          };
        return { allow: false, response: result.status === 429 ? limitedResponse(decision) : responseFor(result) };
      }
      const result = await check!.check(req.headers.authorization, productId);
      return result.allow ? result : { allow: false, response: responseFor(result) };
    } catch (err) {
      if (!(err instanceof JwksUnavailableError)) console.error('data-path check failed:', err instanceof Error ? err.message : err);
      return { allow: false, response: unavailableResponse };
    }
  }

  function decideOverHttp(req: IncomingMessage, path: string, productId: string): Promise<Decision> {
    // What Envoy sends: the original method and path, the allowed headers, no body.
    const headers: OutgoingHttpHeaders = { [PRODUCT_HEADER]: productId, 'content-length': '0' };
    if (req.headers.authorization !== undefined) headers.authorization = req.headers.authorization;
    return new Promise((resolve) => {
      const authzReq = request(`${authzBase}${path}`, { method: req.method, headers, agent, timeout: 2_000 }, (authzRes) => {
        const chunks: Buffer[] = [];
        authzRes.on('data', (c: Buffer) => chunks.push(c));
        authzRes.on('end', () => {
          const status = authzRes.statusCode ?? 500;
          if (status === 200) {
            const limitHeaders: string[] = [];
            for (const name of ['ratelimit-policy', 'ratelimit']) {
              const value = authzRes.headers[name];
              if (typeof value === 'string') limitHeaders.push(name, value);
            }
            resolve({
              allow: true,
              clientId: String(authzRes.headers[names.clientId] ?? ''),
              subject: String(authzRes.headers[names.subject] ?? ''),
              scope: String(authzRes.headers[names.scopes] ?? ''),
              limitHeaders,
            });
            return;
          }
          const relayed: string[] = [];
          for (const name of ['www-authenticate', 'content-type', 'retry-after', 'ratelimit-policy', 'ratelimit', 'cache-control']) {
            const value = authzRes.headers[name];
            if (typeof value === 'string') relayed.push(name, value);
          }
          const body = Buffer.concat(chunks);
          relayed.push('content-length', String(body.length));
          resolve({ allow: false, response: { status, headers: relayed, body } });
        });
        authzRes.on('error', () => resolve({ allow: false, response: authzUnavailable }));
      });
      authzReq.on('timeout', () => authzReq.destroy(new Error('timeout')));
      authzReq.on('error', () => resolve({ allow: false, response: authzUnavailable }));
      authzReq.end();
    });
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    route: DemoGatewayRoute,
    rest: string,
    decision: Omit<Admitted, 'allow'>,
    startedAt: number,
  ): void {
    // Each admitted call is recorded once: when the answer ends, or when the upstream failed.
    let recorded = false;
    const recordOnce = (status: number) => {
      if (recorded) return;
      recorded = true;
      record(decision.clientId, route.productId, status, startedAt);
    };
    const target = new URL(route.upstream);
    const headers = forwardHeaders(req.headers, names);
    headers.host = target.host;
    headers[names.clientId] = decision.clientId;
    headers[names.subject] = decision.subject;
    headers[names.scopes] = decision.scope;
    const forwardedFor = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = [forwardedFor, req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstreamReq = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname.replace(/\/+$/, '')}${rest.startsWith('/') || rest === '' ? rest || '/' : `/${rest}`}`,
        method: req.method,
        headers,
        agent,
        timeout: UPSTREAM_TIMEOUT_MS,
      },
      (upstreamRes) => {
        const out: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(upstreamRes.headers))
          if (value !== undefined && !NOT_RETURNED.has(name)) out[name] = value;
        const limits = decision.limitHeaders ?? [];
        for (let i = 0; i < limits.length; i += 2) out[limits[i]!] = limits[i + 1]!;
        const notices = options.productHeaders?.(route.productId) ?? [];
        for (let i = 0; i < notices.length; i += 2) out[notices[i]!] = notices[i + 1]!;
        const status = upstreamRes.statusCode ?? 502;
        res.writeHead(status, out);
        upstreamRes.pipe(res);
        upstreamRes.once('end', () => recordOnce(status));
      },
    );
    upstreamReq.on('timeout', () => {
      recordOnce(504);
      upstreamReq.destroy();
      send(res, gatewayTimeout);
    });
    upstreamReq.on('error', () => {
      recordOnce(502);
      send(res, badGateway);
    });
    req.pipe(upstreamReq);
  }

  /** An admitted call, as the caller saw it: the upstream's status class and the time from arrival to the last byte. */
  function record(clientId: string, productId: string, status: number, startedAt: number): void {
    if (!usage) return;
    const end = performance.now();
    usage.record(clientId, productId, statusOutcome(status), end - startedAt, Date.now());
  }

  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    const allowed = origin !== undefined && origins.has(origin);
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED);
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      if (allowed) {
        res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
        res.setHeader('access-control-allow-headers', 'authorization, content-type, accept');
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(204);
      res.end();
      return true;
    }
    return false;
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (cors(req, res)) return;
    const url = req.url ?? '/';
    if (basePath && !(url === basePath || url.startsWith(`${basePath}/`) || url.startsWith(`${basePath}?`))) return send(res, notFound);
    const path = url.slice(basePath.length) || '/';
    const matched = table.match(path);
    const route = matched && routes.get(matched.prefix);
    if (!matched || !route) return send(res, notFound);
    const startedAt = performance.now();
    const decided = check ? decideInProcess(req, route.productId) : decideOverHttp(req, path, route.productId);
    void decided.then((decision) => {
      if (decision.allow) forward(req, res, route, matched.rest, decision, startedAt);
      else send(res, decision.response);
    });
  };
  return Object.assign(handler, { close: () => agent.destroy() });
}

/** Starts the gateway (and, without `routes`, the demo upstreams behind it). */
export async function startDemoGateway(options: DemoGatewayOptions): Promise<RunningDemoGateway> {
  const host = options.host ?? '127.0.0.1';
  const upstreams = options.routes ? undefined : await startDemoUpstreams();
  const routes = options.routes ?? {
    '/tracks': { productId: DEMO_ROUTE_MAP['/tracks'], upstream: upstreams!.urls.tracks },
    '/petstore': { productId: DEMO_ROUTE_MAP['/petstore'], upstream: upstreams!.urls.petstore },
  };
  const handler = createDemoGatewayHandler({ ...options, routes });
  const server = createServer(handler);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, resolve);
    });
  } catch (err) {
    handler.close();
    await upstreams?.stop();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      handler.close();
      await upstreams?.stop();
    },
  };
}
