import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { denialResponder, unavailableResponse, type DenialResponse } from './denial-response';
import { JwksUnavailableError } from './jwks-cache';
import { admittedLimitHeaders, limitedResponse } from './limited-response';
import type { MeteredCheck, MeteredDecision } from './metered-check';
import { routeTable, type RouteMap } from './route-table';
import type { CheckResult, DataPathCheck } from './types';
import { DEFAULT_UPSTREAM_HEADERS, type UpstreamHeaderNames } from './upstream-headers';

// The check as an Envoy ext_authz HTTP service. Envoy sends the original
// request's method, its path behind `http_service.path_prefix`, and the
// allowed headers (Authorization always), with no body. A 200 admits the
// request and Envoy copies the headers named in
// `authorization_response.allowed_upstream_headers` onto it; any other status
// is relayed to the client, WWW-Authenticate included (RFC 6750 §3).
//
// The product comes from the route map (path prefix → product) when one is
// configured, and then from nothing else: a path outside it names no product.
// Without a route map it comes from the product header, which the gateway
// must set from its own route table, overwriting any copy a client sent.

export const PRODUCT_HEADER = 'x-api-product-id';
export const CLIENT_ID_HEADER = DEFAULT_UPSTREAM_HEADERS.clientId;
export const SUBJECT_HEADER = DEFAULT_UPSTREAM_HEADERS.subject;
export const SCOPES_HEADER = DEFAULT_UPSTREAM_HEADERS.scopes;

export interface AuthzServerOptions {
  check: DataPathCheck;
  /** Plans applied and decisions counted (metered-check.ts); without it the bare check decides. */
  metering?: MeteredCheck;
  /** Path prefix → API product id. When given, the only source of the product. */
  routes?: RouteMap;
  /** Envoy's `http_service.path_prefix`, removed before routing. */
  pathPrefix?: string;
  /** Without routes: the header naming the product. Default `x-api-product-id`. */
  productHeader?: string | false;
  /** RFC 6750 `realm`. Default `lanyard`. */
  realm?: string;
  /** Names of the client, subject and scopes headers on a 200 (upstream-headers.ts). */
  upstreamHeaders?: UpstreamHeaderNames;
  /**
   * Headers for the client on a 200: a deprecated product's `Deprecation` and
   * `Sunset` (LimitsTable.productHeaders; Envoy passes them on when they are
   * in `allowed_client_headers_on_success`).
   */
  productHeaders?: (productId: string) => readonly string[];
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createAuthzHandler(options: AuthzServerOptions): RequestHandler {
  const { check } = options;
  const table = options.routes && Object.keys(options.routes).length ? routeTable(options.routes) : undefined;
  const prefix = options.pathPrefix?.replace(/\/+$/, '') ?? '';
  const productHeader =
    table !== undefined || options.productHeader === false ? undefined : (options.productHeader ?? PRODUCT_HEADER).toLowerCase();
  const responseFor = denialResponder(options.realm ?? 'lanyard');
  const names = options.upstreamHeaders ?? DEFAULT_UPSTREAM_HEADERS;

  function send(res: ServerResponse, response: DenialResponse): void {
    res.writeHead(response.status, response.headers as string[]);
    res.end(response.body);
  }

  const callerHeaders = (allowed: Extract<CheckResult, { allow: true }>) => [
    names.clientId,
    allowed.clientId,
    names.subject,
    allowed.subject,
    names.scopes,
    allowed.scope,
  ];

  function respond(res: ServerResponse, result: CheckResult): void {
    if (result.allow) {
      res.writeHead(200, [...callerHeaders(result), 'content-length', '0']);
      res.end();
    } else {
      send(res, responseFor(result));
    }
  }

  // With plans: 200 carries the RateLimit fields for the client, 429 its refusal.
  const notices = (productId: string | undefined) => (productId && options.productHeaders?.(productId)) || [];

  function respondMetered(res: ServerResponse, decision: MeteredDecision, productId: string | undefined): void {
    const { result } = decision;
    if (result.allow) {
      res.writeHead(200, [...callerHeaders(result), ...admittedLimitHeaders(decision), ...notices(productId), 'content-length', '0']);
      res.end();
    } else if (result.status === 429) {
      send(res, limitedResponse(decision));
    } else {
      send(res, responseFor(result));
    }
  }

  function productOf(req: IncomingMessage): string | undefined {
    let path = req.url ?? '/';
    if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length) || '/';
    if (table !== undefined) return table.productFor(path);
    const named = productHeader === undefined ? undefined : req.headers[productHeader];
    return typeof named === 'string' && named ? named : undefined;
  }

  const failed = (res: ServerResponse) => (err: unknown) => {
    if (!(err instanceof JwksUnavailableError)) console.error('data-path check failed:', err instanceof Error ? err.message : err);
    send(res, unavailableResponse);
  };
  const { metering } = options;
  if (metering) {
    return (req, res) => {
      const productId = productOf(req);
      metering.decide(req.headers.authorization, productId).then((decision) => respondMetered(res, decision, productId), failed(res));
    };
  }
  return (req, res) => {
    check.check(req.headers.authorization, productOf(req)).then((result) => respond(res, result), failed(res));
  };
}

export function createAuthzServer(options: AuthzServerOptions): Server {
  const server = createServer(createAuthzHandler(options));
  // Envoy keeps upstream connections open; outlive its idle timeout so it closes first.
  server.keepAliveTimeout = 5 * 60_000;
  server.headersTimeout = 5 * 60_000 + 1_000;
  return server;
}
