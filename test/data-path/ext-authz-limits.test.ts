import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentials, Metadata, type Client, type ServiceClientConstructor } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthzServer } from '@/lib/data-path/authz-server';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { authorizationService } from '@/lib/data-path/grpc/definitions';
import { createGrpcAuthzServer, listenGrpc, stopGrpc } from '@/lib/data-path/grpc/authz-grpc-server';
import { createMetering, type Metering } from '@/lib/data-path/metering-settings';
import { createMetricsServer } from '@/lib/data-path/metrics-server';
import type { LimitsExport } from '@/lib/data-path/limits/plan-limits';
import type { UsageRow } from '@/lib/data-path/usage/usage-row';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

// Plans in both ext_authz forms: the HTTP service answers 200 with the
// RateLimit fields and 429 with Retry-After, the fields and a problem+json
// body; the gRPC service (called with a grpc-js client built from the same
// .proto files) puts the same into response_headers_to_add and
// denied_response, and names the caller in dynamic metadata. Both count
// into one allowance and one usage recorder; /metrics reports them.

let idp: LocalIssuer;
let metering: Metering;
let http: Server;
let httpBase: string;
let grpcServer: ReturnType<typeof createGrpcAuthzServer>;
let client: Client & Record<string, (...args: unknown[]) => unknown>;
let metricsServer: Server;
let metricsUrl: string;
const flushed: UsageRow[] = [];

const limits: LimitsExport = {
  version: 'v1',
  generatedAt: new Date().toISOString(),
  entries: [
    {
      clientId: 'lyd_small',
      productId: 'tracks',
      plan: 'sandbox',
      planName: 'Sandbox',
      rate: { limit: 3, window: 'minute' },
      quota: { limit: 100, window: 'day' },
    },
  ],
};

beforeAll(async () => {
  idp = await startLocalIssuer();
  const check = createDataPathCheck({ issuer: idp.issuer, jwksUri: idp.jwksUri });
  metering = createMetering(
    { refreshMs: 60_000, flushMs: 60_000 },
    {
      load: async () => limits,
      sink: async (rows) => {
        flushed.push(...rows);
      },
    },
  );
  await metering.limits.refresh();
  const routes = { '/tracks': 'tracks', '/petstore': 'petstore' };
  http = createAuthzServer({ check, routes, metering: metering.meter(check, 'http') });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  grpcServer = createGrpcAuthzServer({ check, routes, metering: metering.meter(check, 'grpc') });
  const port = await listenGrpc(grpcServer, '127.0.0.1', 0);
  const Authorization = authorizationService() as ServiceClientConstructor;
  client = new Authorization(`127.0.0.1:${port}`, credentials.createInsecure()) as typeof client;
  metricsServer = createMetricsServer(metering.metrics);
  await new Promise<void>((resolve) => metricsServer.listen(0, '127.0.0.1', resolve));
  metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics`;
});

afterAll(async () => {
  client?.close();
  if (grpcServer) await stopGrpc(grpcServer);
  http?.closeAllConnections();
  await new Promise<void>((resolve) => http?.close(() => resolve()));
  await new Promise<void>((resolve) => metricsServer?.close(() => resolve()));
  await metering?.stop();
  await idp?.stop();
});

interface GrpcCheckResponse {
  status: { code: number; message?: string };
  http_response: 'ok_response' | 'denied_response';
  ok_response?: {
    headers: { header: { key: string; value: string } }[];
    response_headers_to_add?: { header: { key: string; value: string } }[];
  };
  denied_response?: { status: { code: string }; headers: { header: { key: string; value: string } }[]; body: string };
  dynamic_metadata?: { fields: Record<string, { stringValue: string }> };
}

function grpcCheck(path: string, token?: string, contextExtensions?: Record<string, string>): Promise<GrpcCheckResponse> {
  const request = {
    attributes: {
      request: {
        http: { method: 'GET', path, headers: { ':authority': 'api.example.com', ...(token && { authorization: `Bearer ${token}` }) } },
      },
      ...(contextExtensions && { context_extensions: contextExtensions }),
    },
  };
  return new Promise((resolve, reject) =>
    (client.Check as (r: unknown, m: Metadata, cb: (e: Error | null, r: GrpcCheckResponse) => void) => void)(
      request,
      new Metadata(),
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
}

const headerMap = (list: { header: { key: string; value: string } }[] = []) =>
  Object.fromEntries(list.map((h) => [h.header.key, h.header.value]));

describe('one allowance over HTTP and gRPC', () => {
  it('admits three calls a minute with the RateLimit fields, then 429 in both forms', async () => {
    const token = await idp.sign({ client_id: 'lyd_small', sub: 'lyd_small', scope: 'tracks' });
    const first = await fetch(`${httpBase}/tracks/tracks`, { headers: { authorization: `Bearer ${token}` } });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-lanyard-client-id')).toBe('lyd_small');
    expect(first.headers.get('ratelimit-policy')).toBe('"sandbox-per-minute";q=3;w=60, "sandbox-per-day";q=100;w=86400');
    expect(first.headers.get('ratelimit')).toMatch(/^"sandbox-per-minute";r=2;t=20, "sandbox-per-day";r=99;t=\d+$/);

    const second = await grpcCheck('/tracks/tracks/c_0', token);
    expect(second.status.code).toBe(0);
    expect(second.http_response).toBe('ok_response');
    expect(headerMap(second.ok_response!.headers)).toEqual({
      'x-lanyard-client-id': 'lyd_small',
      'x-lanyard-subject': 'lyd_small',
      'x-lanyard-scopes': 'tracks',
    });
    expect(headerMap(second.ok_response!.response_headers_to_add).ratelimit).toMatch(/^"sandbox-per-minute";r=1;/);
    expect(second.dynamic_metadata!.fields).toMatchObject({
      clientId: { stringValue: 'lyd_small' },
      productId: { stringValue: 'tracks' },
      plan: { stringValue: 'sandbox' },
    });

    expect((await fetch(`${httpBase}/tracks/tracks`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const limited = await fetch(`${httpBase}/tracks/tracks`, { headers: { authorization: `Bearer ${token}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(20);
    expect(limited.headers.get('ratelimit')).toMatch(/^"sandbox-per-minute";r=0;t=\d+, "sandbox-per-day";r=97;/);
    expect(await limited.json()).toMatchObject({ status: 429, reason: 'rate_limited', 'violated-policies': ['sandbox-per-minute'] });

    const grpcLimited = await grpcCheck('/tracks/tracks', token);
    expect(grpcLimited.status.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(grpcLimited.http_response).toBe('denied_response');
    expect(grpcLimited.denied_response!.status.code).toBe('TooManyRequests');
    const denied = headerMap(grpcLimited.denied_response!.headers);
    expect(Number(denied['retry-after'])).toBeGreaterThan(0);
    expect(denied['ratelimit-policy']).toContain('"sandbox-per-minute";q=3;w=60');
    expect(JSON.parse(grpcLimited.denied_response!.body)).toMatchObject({ reason: 'rate_limited' });
  });

  it('a caller without a plan has no limits and no RateLimit fields; refusals keep their RFC 6750 form over gRPC', async () => {
    const token = await idp.sign({ client_id: 'lyd_free', scope: 'tracks' });
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${httpBase}/tracks/tracks`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit')).toBeNull();
    }
    const none = await grpcCheck('/tracks/tracks');
    expect(none.status.code).toBe(16); // UNAUTHENTICATED
    expect(none.denied_response!.status.code).toBe('Unauthorized');
    expect(headerMap(none.denied_response!.headers)['www-authenticate']).toBe('Bearer realm="lanyard"');
    const scopeless = await grpcCheck('/petstore/pet', token);
    expect(scopeless.status.code).toBe(7); // PERMISSION_DENIED
    expect(headerMap(scopeless.denied_response!.headers)['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('the route’s context extension names the product over gRPC, whatever the path', async () => {
    const token = await idp.sign({ client_id: 'lyd_free', scope: 'petstore' });
    expect((await grpcCheck('/v2/anything', token, { api_product_id: 'petstore' })).status.code).toBe(0);
    expect((await grpcCheck('/v2/anything', token, { api_product_id: 'tracks' })).status.code).toBe(7);
  });

  it('counts every decision as usage, and flushes it in batches', async () => {
    await metering.flusher!.flush();
    const rows = flushed.filter((r) => r.clientId === 'lyd_small');
    const by = (outcome: string) => rows.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.calls, 0);
    expect(by('admitted')).toBe(3);
    expect(by('limited')).toBe(2);
    expect(flushed.filter((r) => r.outcome === 'refused').reduce((n, r) => n + r.calls, 0)).toBeGreaterThanOrEqual(3);
    for (const r of flushed) expect(r.buckets.reduce((a, b) => a + b, 0)).toBe(r.calls);
  });

  it('/metrics reports decisions by transport, outcome and reason, limiter hits and the flush', async () => {
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/lanyard_authz_decisions_total\{transport="http",outcome="limited",reason="rate"\} 1/);
    expect(text).toMatch(/lanyard_authz_decisions_total\{transport="grpc",outcome="limited",reason="rate"\} 1/);
    expect(text).toMatch(/lanyard_authz_decisions_total\{transport="grpc",outcome="denied",reason="invalid_request"\} 1/);
    expect(text).toMatch(/lanyard_ratelimit_hits_total\{policy="rate"\} 2/);
    expect(text).toMatch(/lanyard_authz_check_duration_seconds_bucket\{transport="http",le="\+Inf"\} \d+/);
    expect(text).toMatch(/lanyard_usage_flush_lag_seconds \d/);
    expect(text).toMatch(/lanyard_limits_table_entries 1/);
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });
});
