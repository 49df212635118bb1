import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { NODE_TS_ARGS } from './node/node-ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  calculateJwkThumbprint,
  type JWK,
} from 'jose';
import { createDataPathCheck } from '../lib/data-path/create-check';
import { loadSync } from '@grpc/proto-loader';
import { LOADER_OPTIONS, PROTO_DIR } from '../lib/data-path/grpc/definitions';
import { createLimitsSource } from '../lib/data-path/limits/limits-source';
import type { LimitsExport } from '../lib/data-path/limits/plan-limits';
import { createMeteredCheck } from '../lib/data-path/metered-check';
import { DataPathMetrics } from '../lib/data-path/metrics';
import { createUsageFlusher, remoteUsageSink } from '../lib/data-path/usage/usage-flusher';
import { UsageRecorder } from '../lib/data-path/usage/usage-recorder';
import type { DataPathCheck } from '../lib/data-path/types';

// `npm run bench`: how fast the data-path check decides, beside the floor it
// cannot beat (jose's jwtVerify with the key in hand), in process with and
// without the verified-token cache, and over HTTP in Envoy's ext_authz shape
// (scripts/authz.ts in a child process, autocannon in this one, so that the
// two never share an event loop). Tokens are signed here with a local RS256
// key (2048-bit, like the embedded IdP's) and carry the embedded IdP's claim
// shape (iss, sub, client_id, aud, scope, iat, exp, jti; typ at+jwt); the
// check fetches the key from a JWKS endpoint served here.
// With counting and limits on, every bench client has a plan whose
// limits are never reached, so each call goes through the limiter, the usage
// recorder and the metrics in full; the HTTP and gRPC processes get their
// limits table from, and flush usage to, a stand-in of the portal's
// data-path API served here. gRPC is driven by h2load (nghttp2's HTTP/2 load
// generator, installed from Debian's packages when missing) with one
// connection and 10 concurrent streams, each a pre-encoded CheckRequest:
// grpc-js's own client costs more per call than the server it would measure.
// BENCH_SECONDS sets each run's length (default 3; HTTP runs get twice that).

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
// Interleaved in-process runs take 2 × SECONDS per contender.
const TOKENS = 1_000;
const CONCURRENCY = 8; // in flight at once in process: enough to keep WebCrypto's thread pool busy
const PORTAL = 'http://localhost:3000';
const ISSUER = `${PORTAL}/oidc`;
const AUDIENCE = `${PORTAL}/apis`;
const PRODUCT = 'tracks';

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  name: string;
  perSecond: number;
  p50?: number;
  p99?: number;
  rssMb: number;
  target?: string;
  pass?: boolean;
}

const rssMb = () => process.resourceUsage().maxRSS / 1024;

/** Runs `work` with `concurrency` calls in flight for `seconds`; returns the calls completed and the time taken. */
async function run(
  work: (i: number) => Promise<unknown>,
  seconds: number,
  concurrency = CONCURRENCY,
): Promise<{ ops: number; ms: number }> {
  let i = 0;
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      // Check the clock every 64 calls so that timing does not dominate cached runs.
      while (performance.now() < end) {
        for (let k = 0; k < 64; k++) await work(i++);
        ops += 64;
      }
    }),
  );
  return { ops, ms: performance.now() - start };
}

/**
 * Operations per second of each contender, run in short slices that take
 * turns (in a rotating order) so that load from other processes on the
 * machine falls on all of them alike.
 */
async function interleaved(contenders: ((i: number) => Promise<unknown>)[], seconds = SECONDS, slices = 12): Promise<number[]> {
  for (const work of contenders) await run(work, 0.3);
  const totals = contenders.map(() => ({ ops: 0, ms: 0 }));
  for (let s = 0; s < slices; s++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = (s + k) % contenders.length;
      const { ops, ms } = await run(contenders[c]!, seconds / slices);
      totals[c]!.ops += ops;
      totals[c]!.ms += ms;
    }
  }
  return totals.map((t) => t.ops / (t.ms / 1000));
}

async function signTokens(privateKey: CryptoKey, kid: string): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const clientId = `lyd_bench${i % 50}`;
    tokens.push(
      await new SignJWT({ client_id: clientId, scope: 'tracks petstore', jti: `jti-${i}` })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setSubject(clientId)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey),
    );
  }
  return tokens;
}

function peakRssOfChild(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

interface AuthzOptions {
  cacheSize: number;
  /** The stand-in portal for limits and usage; without it, counting and limits are off. */
  portal?: string;
}

const runTool = promisify(execFile);

/** Waits until the authz process has loaded the stand-in portal's limits (its /metrics says so). */
async function limitsLoaded(metricsUrl: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const text = await (await fetch(metricsUrl)).text();
    if (/^lanyard_limits_table_entries 50$/m.test(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the authz process never loaded the limits table');
}

async function startAuthzProcess(jwksUri: string, options: AuthzOptions): Promise<{ child: ChildProcess; url: string; grpc: string }> {
  const { cacheSize, portal } = options;
  const child = spawn(process.execPath, [...NODE_TS_ARGS, 'scripts/authz.ts'], {
    env: {
      ...process.env,
      LANYARD_AUTHZ_GRPC_PORT: '0',
      LANYARD_AUTHZ_METRICS_PORT: portal ? '0' : 'off',
      LANYARD_AUTHZ_METERING: portal ? 'on' : 'off',
      ...(portal && { LANYARD_AUTHZ_PORTAL_URL: portal, LANYARD_AUTHZ_PORTAL_TOKEN: PORTAL_TOKEN, LANYARD_AUTHZ_USAGE_FLUSH_SECONDS: '2' }),
      LANYARD_AUTHZ_PORT: '0',
      LANYARD_AUTHZ_HOST: '127.0.0.1',
      LANYARD_AUTHZ_ISSUER: ISSUER,
      LANYARD_AUTHZ_JWKS_URI: jwksUri,
      LANYARD_AUTHZ_AUDIENCE: AUDIENCE,
      LANYARD_AUTHZ_ROUTES: JSON.stringify({ '/tracks': 'tracks', '/petstore': 'petstore' }),
      LANYARD_AUTHZ_CACHE_SIZE: String(cacheSize),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, grpc] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const http = /check listening on (http:\/\/[^\s]+)/.exec(out);
      const grpc = /gRPC ext_authz listening on ([^\s]+)/.exec(out);
      const metrics = /metrics on (http:\/\/\S+)/.exec(out);
      if (http && grpc && /^Plans: /m.test(out)) {
        resolve(
          metrics && options.portal
            ? limitsLoaded(metrics[1]!).then(() => [http[1]!, grpc[1]!])
            : ([http[1]!, grpc[1]!] as [string, string]),
        );
      }
    });
    child.once('exit', (code) => reject(new Error(`scripts/authz.ts exited (${code}) before listening`)));
  });
  return { child, url, grpc };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function overHttp(name: string, jwksUri: string, tokens: string[], options: AuthzOptions): Promise<Row> {
  // (autocannon runs in this process; the stand-in portal answers between its requests.)
  const { cacheSize } = options;
  const { child, url } = await startAuthzProcess(jwksUri, options);
  try {
    const requests = tokens.map((t) => ({ method: 'GET', path: '/tracks/tracks', headers: { authorization: `Bearer ${t}` } }));
    // Every token once, so that a cached run measures hits.
    for (const r of requests.slice(0, cacheSize ? undefined : 10)) {
      const res = await fetch(`${url}${r.path}`, { headers: r.headers });
      if (res.status !== 200) throw new Error(`warm-up got ${res.status}`);
    }
    // autocannon's own percentiles are whole milliseconds; keep every latency instead.
    const latencies: number[] = [];
    const run = autocannon({ url, connections: 10, pipelining: 1, duration: SECONDS * 2, requests });
    run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    const result = await run;
    const refused = result.non2xx + result.errors + result.timeouts;
    if (refused) log(`warning: ${refused} requests were not admitted`);
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    return { name, perSecond: result.requests.total / result.duration, p50: at(0.5), p99: at(0.99), rssMb: peakRssOfChild(child.pid) };
  } finally {
    await stopChild(child);
  }
}

const PORTAL_TOKEN = 'bench-data-path-token-0123456789-abcdef';

/** Bench clients on a plan far above any rate reached here: every call is limited-checked and counted, none refused. */
function benchLimits(): LimitsExport {
  return {
    version: 'bench',
    generatedAt: new Date().toISOString(),
    entries: Array.from({ length: 50 }, (_, i) => ({
      clientId: `lyd_bench${i}`,
      productId: PRODUCT,
      plan: 'bench',
      planName: 'Bench',
      rate: { limit: 1_000_000, window: 'second' as const },
      quota: { limit: 1_000_000_000, window: 'month' as const },
    })),
  };
}

/** The portal's data-path API as far as the bench needs it: the limits table, and a usage sink that counts rows. */
async function startPortalStandIn(): Promise<{ url: string; rows: () => number; close(): void }> {
  let rows = 0;
  const server = createServer((req, res) => {
    if (req.url === '/api/data-path/v1/limits') {
      res.writeHead(200, { 'content-type': 'application/json', etag: '"bench"' });
      res.end(JSON.stringify(benchLimits()));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      rows += (JSON.parse(body || '{"rows":[]}') as { rows: unknown[] }).rows.length;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, rows: () => rows, close: () => server.close() };
}

/** h2load (nghttp2-client), installed from Debian's packages when missing and we are root. */
function h2load(): string | undefined {
  const found = spawnSync('h2load', ['--version']).status === 0;
  if (!found && process.getuid?.() === 0) {
    log('installing h2load (Debian nghttp2-client) for the gRPC rows…');
    spawnSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null'], {
      stdio: 'inherit',
    });
  }
  return spawnSync('h2load', ['--version']).status === 0 ? 'h2load' : undefined;
}

/** gRPC ext_authz Check at 10 concurrent streams on one connection, with h2load. */
async function overGrpc(name: string, jwksUri: string, token: string, options: AuthzOptions): Promise<Row | undefined> {
  const tool = h2load();
  if (!tool) {
    log('warning: h2load is not available; the gRPC rows are skipped');
    return undefined;
  }
  const { child, grpc } = await startAuthzProcess(jwksUri, options);
  const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-bench-'));
  try {
    const definition = loadSync('envoy/service/auth/v3/external_auth.proto', { ...LOADER_OPTIONS, includeDirs: [PROTO_DIR] });
    const check = (definition['envoy.service.auth.v3.Authorization'] as unknown as { Check: { requestSerialize(v: unknown): Buffer } })
      .Check;
    const message = check.requestSerialize({
      attributes: { request: { http: { method: 'GET', path: '/tracks/tracks', headers: { authorization: `Bearer ${token}` } } } },
    });
    // A gRPC message on the wire: not compressed (0), its length (big-endian), the bytes.
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    message.copy(frame, 5);
    const body = path.join(dir, 'check.bin');
    writeFileSync(body, frame);
    const args = ['-c', '1', '-m', '10', '-d', body, '-H', 'content-type: application/grpc', '-H', 'te: trailers'];
    const target = `http://${grpc}/envoy.service.auth.v3.Authorization/Check`;
    // Run apart from this event loop: the stand-in portal here must answer the authz process meanwhile.
    await runTool(tool, [...args, '-n', '2000', target]); // warm-up
    const out = (await runTool(tool, [...args, '-D', String(SECONDS * 2), target])).stdout;
    const perSecond = Number(/finished in [^,]+, ([\d.]+) req\/s/.exec(out)?.[1] ?? Number.NaN);
    const ok = Number(/status codes: (\d+) 2xx/.exec(out)?.[1] ?? 0);
    const failed = /requests: \d+ total, \d+ started, \d+ done, \d+ succeeded, (\d+) failed/.exec(out)?.[1];
    if (!ok || Number(failed)) log(`warning: h2load reported ${failed} failed requests`);
    return { name, perSecond, rssMb: peakRssOfChild(child.pid) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopChild(child);
  }
}

/**
 * What flushing a minute of heavy traffic does to the check: 1,000,000
 * calls recorded over 10,000 (client, product) pairs are flushed to a sink in
 * another process while the check runs; the check's p99 during the flush is
 * compared with its p99 just before, over runs of the same length.
 */
async function flushImpact(
  work: (i: number) => Promise<unknown>,
  recorder: UsageRecorder,
  sinkUrl: string,
): Promise<{ base: number; during: number; ms: number }> {
  const flusher = createUsageFlusher({ recorder, sink: remoteUsageSink(`${sinkUrl}/api/data-path/v1/usage`, PORTAL_TOKEN) });
  const p99 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? Number.NaN;
  const measure = async (until: () => boolean) => {
    const latencies: number[] = [];
    let i = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (!until()) {
          const start = performance.now();
          await work(i++);
          latencies.push(performance.now() - start);
          // Let the flush's I/O in: a real check waits for its client anyway.
          if (i % 256 === 0) await new Promise((r) => setImmediate(r));
        }
      }),
    );
    return latencies;
  };
  let base: number[] = [];
  let during: number[] = [];
  let flushMs = 0;
  const now = Date.now();
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 1_000_000; i++) recorder.record(`lyd_flush${i % 10_000}`, PRODUCT, i % 50 ? '2xx' : '4xx', 0.5 + (i % 7), now);
    const t0 = performance.now();
    let done = false;
    const flushing = flusher.flush().then(() => (done = true));
    during = during.concat(await measure(() => done));
    await flushing;
    flushMs = Math.max(flushMs, performance.now() - t0);
    const end = performance.now() + (performance.now() - t0);
    base = base.concat(await measure(() => performance.now() >= end));
  }
  return { base: p99(base), during: p99(during), ms: flushMs };
}

function format(rows: Row[], raw: number): string {
  const header = ['measurement', 'decisions/s', '× raw', 'p50 ms', 'p99 ms', 'peak RSS MB', 'target', 'result'];
  const lines = rows.map((r) => [
    r.name,
    Number.isNaN(r.perSecond) ? '–' : Math.round(r.perSecond).toLocaleString('en-US'),
    Number.isNaN(r.perSecond) ? '–' : (r.perSecond / raw).toFixed(2),
    r.p50 === undefined ? '–' : r.p50.toFixed(2),
    r.p99 === undefined ? '–' : r.p99.toFixed(2),
    Number.isNaN(r.rssMb) ? 'n/a' : r.rssMb.toFixed(0),
    r.target ?? '–',
    r.pass === undefined ? '–' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}

async function main() {
  log(`signing ${TOKENS} RS256 tokens…`);
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' } as JWK] };
  const jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  const tokens = await signTokens(privateKey, kid);
  const headers = tokens.map((t) => `Bearer ${t}`);
  const pick = (i: number) => tokens[i % TOKENS]!;

  const base = { issuer: ISSUER, jwksUri, audience: AUDIENCE };
  const uncached: DataPathCheck = createDataPathCheck({ ...base, cacheSize: 0 });
  const cached: DataPathCheck = createDataPathCheck({ ...base, cacheSize: 10_000 });
  await Promise.all([uncached.warmUp(), cached.warmUp()]);
  for (const h of headers) if (!(await cached.check(h, PRODUCT)).allow) throw new Error('a bench token was refused');

  // The floor and the uncached check take turns in short slices. jose's own
  // JWKS resolvers (for the choice of resolver) run afterwards: calling jose
  // with key functions of several shapes first would slow every later call.
  log('in process: raw jwtVerify vs the check without cache…');
  const [raw, check] = (await interleaved(
    [(i) => jwtVerify(pick(i), publicKey), (i) => uncached.check(headers[i % TOKENS], PRODUCT)],
    SECONDS * 2,
  )) as [number, number];
  const rssAfterUncached = rssMb();
  log('in process: the check with its cache, with and without counting and limits…');
  const limits = createLimitsSource({ load: async () => benchLimits() });
  await limits.refresh();
  const recorder = new UsageRecorder();
  const metered = createMeteredCheck({ check: cached, transport: 'in_process', limits, usage: recorder, metrics: new DataPathMetrics() });
  for (const h of headers) if (!(await metered.decide(h, PRODUCT)).result.allow) throw new Error('a bench token was limited');
  const [hits, meteredHits] = (await interleaved(
    [(i) => cached.check(headers[i % TOKENS], PRODUCT), (i) => metered.decide(headers[i % TOKENS], PRODUCT)],
    SECONDS * 2,
  )) as [number, number];
  const rssAfterCached = rssMb();
  const portal = await startPortalStandIn();
  log('in process: flushing 1,000,000 recorded calls while the check runs…');
  recorder.drain();
  const flush = await flushImpact((i) => metered.decide(headers[i % TOKENS], PRODUCT), recorder, portal.url);
  log('in process: jose JWKS resolvers…');
  const options = { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], clockTolerance: 30 };
  const remote = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000 });
  const local = createLocalJWKSet(jwks);
  const [remoteRate, localRate] = (await interleaved(
    [(i) => jwtVerify(pick(i), remote, options), (i) => jwtVerify(pick(i), local, options)],
    SECONDS,
  )) as [number, number];
  const rssInProcess = rssMb();

  log('over HTTP: scripts/authz.ts in a child process, autocannon here…');
  const http = await overHttp('HTTP ext_authz, cached (autocannon, 10 conns)', jwksUri, tokens, { cacheSize: 10_000 });
  const httpMetered = await overHttp('HTTP ext_authz, cached, counting + limits on', jwksUri, tokens, {
    cacheSize: 10_000,
    portal: portal.url,
  });
  const httpUncached = await overHttp('HTTP ext_authz, cache off (info)', jwksUri, tokens, { cacheSize: 0 });
  log('over gRPC: scripts/authz.ts in a child process, h2load here…');
  const grpc = await overGrpc('gRPC ext_authz, cached (h2load, 10 streams)', jwksUri, tokens[0]!, { cacheSize: 10_000 });
  const grpcMetered = await overGrpc('gRPC ext_authz, cached, counting + limits on', jwksUri, tokens[0]!, {
    cacheSize: 10_000,
    portal: portal.url,
  });
  portal.close();
  jwksServer.close();

  const rows: Row[] = [
    { name: 'raw jose jwtVerify(token, CryptoKey) — floor', perSecond: raw, rssMb: rssAfterUncached },
    { name: 'jwtVerify + createRemoteJWKSet (info)', perSecond: remoteRate, rssMb: rssInProcess },
    { name: 'jwtVerify + createLocalJWKSet (info)', perSecond: localRate, rssMb: rssInProcess },
    { name: 'check in process, cache off', perSecond: check, rssMb: rssAfterUncached, target: '≥ 0.9× raw', pass: check >= 0.9 * raw },
    { name: 'check in process, cached', perSecond: hits, rssMb: rssAfterCached, target: '≥ 20× raw', pass: hits >= 20 * raw },
    {
      name: 'check in process, cached, counting + limits on',
      perSecond: meteredHits,
      rssMb: rssAfterCached,
      target: '≥ 0.8× cached',
      pass: meteredHits >= 0.8 * hits,
    },
    {
      name: `… p99 while flushing 1M calls (${flush.ms.toFixed(0)} ms)`,
      perSecond: Number.NaN,
      p99: flush.during,
      rssMb: rssMb(),
      target: `< +10 ms (p99 before ${flush.base.toFixed(2)})`,
      pass: flush.during - flush.base < 10,
    },
    { ...http, target: '≥ 10,000/s, p99 < 5 ms', pass: http.perSecond >= 10_000 && http.p99! < 5 },
    { ...httpMetered, target: '≥ 0.8× HTTP cached', pass: httpMetered.perSecond >= 0.8 * http.perSecond },
    httpUncached,
    ...(grpc ? [{ ...grpc, target: '≥ HTTP cached', pass: grpc.perSecond >= http.perSecond }] : []),
    ...(grpc && grpcMetered ? [{ ...grpcMetered, target: '≥ 0.8× gRPC cached', pass: grpcMetered.perSecond >= 0.8 * grpc.perSecond }] : []),
  ];
  console.log(format(rows, raw));
  const os = await import('node:os');
  console.log(
    `Tokens: ${TOKENS} RS256 (2048-bit) JWTs signed by a local key with the embedded IdP's claim shape; ${CONCURRENCY} calls in flight in process; ` +
      `raw and uncached alternate in 12 slices (${SECONDS * 2}s each in all), so do cached with and without counting + limits; HTTP and gRPC ${SECONDS * 2}s per run; ` +
      `Node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(2)} at the end. ` +
      'Peak RSS: this process for in-process rows, the authz child for HTTP and gRPC rows. ' +
      `The flush row: 1,000,000 calls over 10,000 pairs per round, 3 rounds, ${portal.rows()} usage rows received by the stand-in portal in all.`,
  );
  const failed = rows.some((r) => r.pass === false);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
