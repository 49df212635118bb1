import { spawn, type ChildProcess } from 'node:child_process';
import { NODE_TS_ARGS } from './node/node-ts';
import { readFileSync } from 'node:fs';
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
import type { DataPathCheck } from '../lib/data-path/types';

// `npm run bench`: how fast the data-path check decides, beside the floor it
// cannot beat (jose's jwtVerify with the key in hand), in process with and
// without the verified-token cache, and over HTTP in Envoy's ext_authz shape
// (scripts/authz.ts in a child process, autocannon in this one, so that the
// two never share an event loop). Tokens are signed here with a local RS256
// key (2048-bit, like the embedded IdP's) and carry the embedded IdP's claim
// shape (iss, sub, client_id, aud, scope, iat, exp, jti; typ at+jwt); the
// check fetches the key from a JWKS endpoint served here.
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

/** Operations per second, after a short warm-up. */
async function throughput(work: (i: number) => Promise<unknown>, seconds = SECONDS): Promise<number> {
  await run(work, 0.3);
  const { ops, ms } = await run(work, seconds);
  return ops / (ms / 1000);
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

async function startAuthzProcess(jwksUri: string, cacheSize: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...NODE_TS_ARGS, 'scripts/authz.ts'], {
    env: {
      ...process.env,
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
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`scripts/authz.ts exited (${code}) before listening`)));
  });
  return { child, url };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function overHttp(name: string, jwksUri: string, tokens: string[], cacheSize: number): Promise<Row> {
  const { child, url } = await startAuthzProcess(jwksUri, cacheSize);
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

function format(rows: Row[], raw: number): string {
  const header = ['measurement', 'decisions/s', '× raw', 'p50 ms', 'p99 ms', 'peak RSS MB', 'target', 'result'];
  const lines = rows.map((r) => [
    r.name,
    Math.round(r.perSecond).toLocaleString('en-US'),
    (r.perSecond / raw).toFixed(2),
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
  log('in process: the check with its cache…');
  const hits = await throughput((i) => cached.check(headers[i % TOKENS], PRODUCT));
  const rssAfterCached = rssMb();
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
  const http = await overHttp('HTTP ext_authz, cached (autocannon, 10 conns)', jwksUri, tokens, 10_000);
  const httpUncached = await overHttp('HTTP ext_authz, cache off (info)', jwksUri, tokens, 0);
  jwksServer.close();

  const rows: Row[] = [
    { name: 'raw jose jwtVerify(token, CryptoKey) — floor', perSecond: raw, rssMb: rssAfterUncached },
    { name: 'jwtVerify + createRemoteJWKSet (info)', perSecond: remoteRate, rssMb: rssInProcess },
    { name: 'jwtVerify + createLocalJWKSet (info)', perSecond: localRate, rssMb: rssInProcess },
    { name: 'check in process, cache off', perSecond: check, rssMb: rssAfterUncached, target: '≥ 0.9× raw', pass: check >= 0.9 * raw },
    { name: 'check in process, cached', perSecond: hits, rssMb: rssAfterCached, target: '≥ 20× raw', pass: hits >= 20 * raw },
    { ...http, target: '≥ 10,000/s, p99 < 5 ms', pass: http.perSecond >= 10_000 && http.p99! < 5 },
    httpUncached,
  ];
  console.log(format(rows, raw));
  const os = await import('node:os');
  console.log(
    `Tokens: ${TOKENS} RS256 (2048-bit) JWTs signed by a local key with the embedded IdP's claim shape; ${CONCURRENCY} calls in flight in process; ` +
      `raw and uncached alternate in 12 slices (${SECONDS * 2}s each in all), cached ${SECONDS}s, HTTP ${SECONDS * 2}s per run; ` +
      `Node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(2)} at the end. ` +
      'Peak RSS: this process for in-process rows, the authz child for HTTP rows.',
  );
  const failed = rows.some((r) => r.pass === false);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
