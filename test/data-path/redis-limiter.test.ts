import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitsExport } from '@/lib/data-path/limits/plan-limits';
import type { LimitSubject } from '@/lib/data-path/rate-limit/limiter';
import { createRedisLimiter } from '@/lib/data-path/rate-limit/redis-limiter';
import { startTestRedis, type TestRedis } from '../helpers/redis';
import { startAuthzProcess, type AuthzProcess } from './authz-process';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

// The shared store on a real redis-server: the same limits as in process,
// decided atomically by one script per request, so that replicas sharing a
// Redis never admit more than the plan allows between them.

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const subject = (clientId: string, limits: Partial<LimitSubject['limits']>): LimitSubject => ({
  clientId,
  productId: 'tracks',
  limits: { plan: 'starter', planName: 'Starter', ...limits },
});
// Redis expires the counters by its own clock (PEXPIREAT the window's end
// plus an hour), so the times the limiter is given are near the real now: a
// fixed date would see its keys vanish once the real clock passed it.
const T0 = Math.floor(Date.now() / 60_000) * 60_000;
const now = new Date(T0);
/** The next midnight, UTC: where a daily quota's window ends. */
const NEXT_MIDNIGHT = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);

describe('Redis limiter', () => {
  it('admits a burst up to the rate limit, then refuses until the next token', async () => {
    const limiter = createRedisLimiter({ url: redis.url, prefix: redis.prefix });
    await limiter.ready!();
    const s = subject('lyd_burst', { rate: { limit: 5, window: 'minute' } });
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await limiter.take(s, T0));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    expect(verdicts.map((v) => v.rate?.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(verdicts[5]).toMatchObject({ violated: 'rate', retryAfterSeconds: 12 });
    expect((await limiter.take(s, T0 + 12_000)).allowed).toBe(true);
    await limiter.close();
  });

  it('resets the quota at the calendar boundary', async () => {
    const limiter = createRedisLimiter({ url: redis.url, prefix: redis.prefix });
    await limiter.ready!();
    const s = subject('lyd_quota', { quota: { limit: 2, window: 'day' } });
    const end = NEXT_MIDNIGHT;
    expect((await limiter.take(s, end - 2_000)).allowed).toBe(true);
    expect((await limiter.take(s, end - 1_000)).quota?.remaining).toBe(0);
    expect(await limiter.take(s, end - 1)).toMatchObject({ allowed: false, violated: 'quota', retryAfterSeconds: 1 });
    expect(await limiter.take(s, end)).toMatchObject({ allowed: true, quota: { remaining: 1 } });
    await limiter.close();
  });

  it('two limiters on one Redis, racing, admit exactly the quota between them', async () => {
    const a = createRedisLimiter({ url: redis.url, prefix: redis.prefix });
    const b = createRedisLimiter({ url: redis.url, prefix: redis.prefix });
    await Promise.all([a.ready!(), b.ready!()]);
    const s = subject('lyd_race', { quota: { limit: 30, window: 'day' } });
    const verdicts = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).take(s, T0)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(30);
    await Promise.all([a.close(), b.close()]);
  });

  it('fails open when Redis cannot answer, and says so', async () => {
    const errors: unknown[] = [];
    const limiter = createRedisLimiter({ url: 'redis://127.0.0.1:1', prefix: redis.prefix, onError: (e) => errors.push(e) });
    const v = await limiter.take(subject('lyd_down', { quota: { limit: 1, window: 'day' } }), T0);
    expect(v).toEqual({ allowed: true, failedOpen: true });
    expect(errors.length).toBeGreaterThan(0);
    await limiter.close();
  });
});

describe('two authz processes sharing one quota through Redis', () => {
  let idp: LocalIssuer;
  let dir: string;
  const replicas: AuthzProcess[] = [];

  beforeAll(async () => {
    idp = await startLocalIssuer();
    dir = mkdtempSync(path.join(tmpdir(), 'lanyard-limits-'));
    const limits: LimitsExport = {
      version: 'v1',
      generatedAt: new Date().toISOString(),
      entries: [{ clientId: 'lyd_shared', productId: 'tracks', plan: 'sandbox', planName: 'Sandbox', quota: { limit: 25, window: 'day' } }],
    };
    writeFileSync(path.join(dir, 'limits.json'), JSON.stringify(limits));
    const env = {
      LANYARD_AUTHZ_ISSUER: idp.issuer,
      LANYARD_AUTHZ_JWKS_URI: idp.jwksUri,
      LANYARD_AUTHZ_ROUTES: JSON.stringify({ '/tracks': 'tracks' }),
      LANYARD_AUTHZ_GRPC_PORT: 'off',
      LANYARD_AUTHZ_METRICS_PORT: 'off',
      LANYARD_AUTHZ_LIMITS_FILE: path.join(dir, 'limits.json'),
      LANYARD_REDIS_URL: redis.url,
      LANYARD_REDIS_PREFIX: `${redis.prefix}replicas:`,
    };
    replicas.push(...(await Promise.all([startAuthzProcess(env), startAuthzProcess(env)])));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await idp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('admits 25 calls in all, whichever replica they reach, and refuses the rest with 429', async () => {
    const token = await idp.sign({ client_id: 'lyd_shared', scope: 'tracks' });
    // Each replica loads the table at start; make sure both have it before counting.
    await new Promise((r) => setTimeout(r, 300));
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${replicas[i % 2]!.http}/tracks/tracks`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(25);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const next = await fetch(`${replicas[0]!.http}/tracks/tracks`, { headers: { authorization: `Bearer ${token}` } });
    expect(next.status).toBe(429);
    expect(next.headers.get('ratelimit')).toMatch(/^"sandbox-per-day";r=0;t=\d+$/);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
