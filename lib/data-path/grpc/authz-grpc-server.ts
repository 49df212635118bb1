import { Server, ServerCredentials, status as grpcStatus, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { PRODUCT_HEADER } from '../authz-server';
import { denialResponder, unavailableResponse, type DenialResponse } from '../denial-response';
import { JwksUnavailableError } from '../jwks-cache';
import { admittedLimitHeaders, limitedResponse } from '../limited-response';
import type { MeteredCheck, MeteredDecision } from '../metered-check';
import { routeTable, type RouteMap } from '../route-table';
import type { CheckResult, DataPathCheck } from '../types';
import { DEFAULT_UPSTREAM_HEADERS, type UpstreamHeaderNames } from '../upstream-headers';
import {
  authorizationServerDefinition,
  encodeCheckResponse,
  RPC,
  type CheckRequest,
  type CheckResponse,
  type HeaderValueOption,
} from './definitions';

// The check as Envoy's gRPC ext_authz service (envoy.service.auth.v3.Authorization/Check),
// the form Gloo's ext-auth and most Envoy deployments use. It decides
// exactly as the HTTP form does (authz-server.ts):
// - the product comes from the route's context extension `api_product_id`
//   (ExtAuthzPerRoute.check_settings.context_extensions, or Gloo's
//   customAuth.contextExtensions), else from the route map by path, else —
//   without a route map — from the x-api-product-id header;
// - OK carries the caller's client id, subject and scopes for the upstream
//   (upstream-headers.ts),
//   the RateLimit fields for the client (response_headers_to_add), and
//   dynamic metadata {clientId, productId, plan} under the filter's namespace
//   for rate-limit descriptors;
// - a refusal is UNAUTHENTICATED (401), PERMISSION_DENIED (403),
//   RESOURCE_EXHAUSTED (429, with Retry-After and the RateLimit fields) or
//   UNAVAILABLE (503), with the same status, headers and body the HTTP form
//   sends, in denied_response.

export const PRODUCT_CONTEXT_KEY = 'api_product_id';

export interface GrpcAuthzOptions {
  check: DataPathCheck;
  metering?: MeteredCheck;
  routes?: RouteMap;
  /** Without routes: the header naming the product; false for none. Default x-api-product-id. */
  productHeader?: string | false;
  realm?: string;
  /** Names of the client, subject and scopes headers on OK (upstream-headers.ts). */
  upstreamHeaders?: UpstreamHeaderNames;
}

const overwrite = (key: string, value: string): HeaderValueOption => ({
  header: { key, value },
  append_action: 'OVERWRITE_IF_EXISTS_OR_ADD',
});

function headerOptions(pairs: readonly string[]): HeaderValueOption[] {
  const out: HeaderValueOption[] = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] !== 'content-length') out.push(overwrite(pairs[i]!, pairs[i + 1]!));
  return out;
}

function rpcCode(status: number): number {
  if (status === 401) return RPC.UNAUTHENTICATED;
  if (status === 429) return RPC.RESOURCE_EXHAUSTED;
  if (status === 503) return RPC.UNAVAILABLE;
  return RPC.PERMISSION_DENIED;
}

function deniedFrom(response: DenialResponse, message: string): CheckResponse {
  return {
    status: { code: rpcCode(response.status), message },
    denied_response: { status: { code: response.status }, headers: headerOptions(response.headers), body: response.body.toString() },
  };
}

export function createGrpcAuthzImplementation(options: GrpcAuthzOptions) {
  const { check, metering } = options;
  const table = options.routes && Object.keys(options.routes).length ? routeTable(options.routes) : undefined;
  const productHeader =
    table !== undefined || options.productHeader === false ? undefined : (options.productHeader ?? PRODUCT_HEADER).toLowerCase();
  const responseFor = denialResponder(options.realm ?? 'lanyard');
  const names = options.upstreamHeaders ?? DEFAULT_UPSTREAM_HEADERS;
  // Refusals are encoded once per refusal object, as the HTTP form builds its
  // own once; so is the answer for a caller without a plan, per admitted
  // caller (the verified-token cache hands back the same object) and product.
  const denied = new WeakMap<DenialResponse, Buffer>();
  const deniedOnce = (response: DenialResponse, message: string) => {
    let built = denied.get(response);
    if (!built) denied.set(response, (built = encodeCheckResponse(deniedFrom(response, message))));
    return built;
  };
  const unavailable = encodeCheckResponse(deniedFrom(unavailableResponse, 'the issuer signing keys cannot be fetched right now'));
  const plainOk = new WeakMap<object, { productId: string; bytes: Buffer }>();

  function productOf(request: CheckRequest): string | undefined {
    const attributes = request.attributes;
    const named = attributes?.context_extensions?.[PRODUCT_CONTEXT_KEY];
    if (named) return named;
    const http = attributes?.request?.http;
    if (table !== undefined) return table.productFor(http?.path ?? '/');
    const header = productHeader === undefined ? undefined : http?.headers?.[productHeader];
    return header || undefined;
  }

  function allowed(result: Extract<CheckResult, { allow: true }>, productId: string, decision?: MeteredDecision): CheckResponse {
    const limitHeaders = decision ? admittedLimitHeaders(decision) : [];
    const metadata: Record<string, { stringValue: string }> = {
      clientId: { stringValue: result.clientId },
      productId: { stringValue: productId },
    };
    if (decision?.subject) metadata.plan = { stringValue: decision.subject.limits.plan };
    return {
      status: { code: RPC.OK },
      ok_response: {
        headers: [
          overwrite(names.clientId, result.clientId),
          overwrite(names.subject, result.subject),
          overwrite(names.scopes, result.scope),
        ],
        ...(limitHeaders.length && { response_headers_to_add: headerOptions(limitHeaders) }),
      },
      dynamic_metadata: { fields: metadata },
    };
  }

  function answer(decision: MeteredDecision, productId: string | undefined): CheckResponse | Buffer {
    const { result } = decision;
    if (result.allow) {
      if (decision.subject) return allowed(result, productId ?? '', decision);
      const known = plainOk.get(result);
      if (known !== undefined && known.productId === (productId ?? '')) return known.bytes;
      const bytes = encodeCheckResponse(allowed(result, productId ?? ''));
      plainOk.set(result, { productId: productId ?? '', bytes });
      return bytes;
    }
    if (result.status === 429) return deniedFrom(limitedResponse(decision), 'rate limited');
    return deniedOnce(responseFor(result), result.description);
  }

  function Check(call: ServerUnaryCall<CheckRequest, CheckResponse | Buffer>, callback: sendUnaryData<CheckResponse | Buffer>): void {
    const request = call.request;
    const productId = productOf(request);
    const authorization = request.attributes?.request?.http?.headers?.authorization;
    const decided: Promise<MeteredDecision> = metering
      ? metering.decide(authorization, productId)
      : check.check(authorization, productId).then((result) => ({ result }));
    decided.then(
      (decision) => callback(null, answer(decision, productId)),
      (err: unknown) => {
        if (err instanceof JwksUnavailableError) return callback(null, unavailable);
        console.error('data-path check failed:', err instanceof Error ? err.message : err);
        callback({ code: grpcStatus.INTERNAL, details: 'the check failed' });
      },
    );
  }

  return { Check };
}

export function createGrpcAuthzServer(options: GrpcAuthzOptions): Server {
  const server = new Server({ 'grpc.keepalive_permit_without_calls': 1, 'grpc.enable_channelz': 0 });
  server.addService(authorizationServerDefinition(), createGrpcAuthzImplementation(options));
  return server;
}

/** Binds and starts the server; resolves with the port (0 picks a free one). */
export function listenGrpc(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
}

export function stopGrpc(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.tryShutdown(() => resolve());
    setTimeout(() => server.forceShutdown(), 2_000).unref();
  });
}
