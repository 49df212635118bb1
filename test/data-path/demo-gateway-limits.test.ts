import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { startDemoGateway, type RunningDemoGateway } from '@/lib/data-path/demo-gateway';
import { createMetering, type Metering } from '@/lib/data-path/metering-settings';
import type { UsageRow } from '@/lib/data-path/usage/usage-row';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

// The demo gateway with plans, as the portal runs it for try-it: it refuses
// over the plan with 429 and the RateLimit fields (readable by the browser),
// passes the fields on with admitted answers, and records every call with
// the status the caller got and the time it took.

const ORIGIN = 'http://portal.test';
let idp: LocalIssuer;
let metering: Metering;
let gateway: RunningDemoGateway;
const rows: UsageRow[] = [];

beforeAll(async () => {
  idp = await startLocalIssuer();
  const check = createDataPathCheck({ issuer: idp.issuer, jwksUri: idp.jwksUri });
  metering = createMetering(
    { refreshMs: 60_000, flushMs: 60_000 },
    {
      load: async () => ({
        version: 'v1',
        generatedAt: '',
        entries: [{ clientId: 'lyd_try', productId: 'tracks', plan: 'sandbox', planName: 'Sandbox', rate: { limit: 2, window: 'minute' } }],
      }),
      sink: async (batch) => {
        rows.push(...batch);
      },
    },
  );
  await metering.limits.refresh();
  gateway = await startDemoGateway({
    check,
    metering: metering.meter(check, 'in_process', { recordAdmitted: false }),
    usage: metering.recorder,
    allowedOrigins: [ORIGIN],
  });
});
afterAll(async () => {
  await gateway?.stop();
  await metering?.stop();
  await idp?.stop();
});

describe('the demo gateway with plans', () => {
  it('admits the plan’s allowance, then answers 429 with Retry-After and the RateLimit fields the browser may read', async () => {
    const token = await idp.sign({ client_id: 'lyd_try', scope: 'tracks' });
    const call = (path = '/tracks/tracks') =>
      fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${token}`, origin: ORIGIN } });
    const ok = await call();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ratelimit')).toMatch(/^"sandbox-per-minute";r=1;t=30$/);
    expect(ok.headers.get('access-control-expose-headers')).toContain('ratelimit-policy');
    const missing = await call('/tracks/no-such-thing');
    expect(missing.status).toBe(404);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('ratelimit-policy')).toBe('"sandbox-per-minute";q=2;w=60');
    expect((await limited.json())['violated-policies']).toEqual(['sandbox-per-minute']);
  });

  it('records each call with the status class the caller saw', async () => {
    await metering.flusher!.flush();
    const calls = (outcome: string) =>
      rows.filter((r) => r.clientId === 'lyd_try' && r.outcome === outcome).reduce((n, r) => n + r.calls, 0);
    expect([calls('2xx'), calls('4xx'), calls('limited'), calls('admitted')]).toEqual([1, 1, 1, 0]);
  });
});
