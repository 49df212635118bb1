import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/lib/apps/create-app';
import type { Db } from '@/lib/db';
import { createUsageFlusher } from '@/lib/data-path/usage/usage-flusher';
import { UsageRecorder } from '@/lib/data-path/usage/usage-recorder';
import type { UsageRow } from '@/lib/data-path/usage/usage-row';
import type { IdpAdapter } from '@/lib/idp/types';
import { createPlan } from '@/lib/plans/manage-plans';
import { createPlanSchema } from '@/lib/plans/schemas';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { adminUsage } from '@/lib/usage/admin-usage';
import { appUsage } from '@/lib/usage/app-usage';
import { quantile } from '@/lib/usage/buckets';
import { createDataPathApiHandler } from '@/lib/usage/data-path-api';
import { ingestUsage, pruneUsage } from '@/lib/usage/ingest-usage';
import { adminUsageCsv, appUsageCsv } from '@/lib/usage/usage-csv';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// Usage: the data path aggregates calls per minute and flushes them in
// batches; the portal adds each minute into its hour and day buckets, keeps
// each granularity for its retention, and draws them per app and for admins.

const NOW = new Date(Date.UTC(2026, 11, 2, 14, 30, 10));
const MIN = 60_000;

describe('recorder and flusher (in the data path)', () => {
  it('aggregates calls per minute × client × product × outcome with a latency histogram', () => {
    const r = new UsageRecorder();
    const t = NOW.getTime();
    for (let i = 0; i < 1000; i++) r.record('c1', 'tracks', i % 10 === 0 ? 'limited' : '2xx', i % 100 === 0 ? 30 : 0.4, t);
    r.record('c1', 'tracks', '2xx', 3, t + MIN); // a later minute seals the first
    r.record('c2', 'petstore', '5xx', 700, t);
    const rows = r.drain().next(100);
    const ok = rows.find((x) => x.outcome === '2xx' && x.minute === '2026-12-02T14:30:00.000Z')!;
    expect(ok.calls).toBe(900);
    expect(ok.buckets[0]).toBe(900); // all at most 1 ms
    const limited = rows.find((x) => x.outcome === 'limited')!;
    expect(limited).toMatchObject({ calls: 100, clientId: 'c1', productId: 'tracks' });
    expect(limited.buckets[0]).toBe(90);
    expect(limited.buckets[5]).toBe(10); // 30 ms: (25, 50]
    expect(rows.find((x) => x.minute === '2026-12-02T14:31:00.000Z')).toMatchObject({
      calls: 1,
      buckets: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(rows.find((x) => x.clientId === 'c2')).toMatchObject({ outcome: '5xx', calls: 1, latencySumMs: 700 });
    expect(r.pendingCalls).toBe(0);
  });

  it('flushes in batches, never a write per call, and keeps what a failed batch held', async () => {
    const r = new UsageRecorder();
    for (let c = 0; c < 25; c++) for (let i = 0; i < 40; i++) r.record(`c${c}`, 'tracks', '2xx', 1, NOW.getTime());
    const batches: UsageRow[][] = [];
    let failNext = true;
    const flusher = createUsageFlusher({
      recorder: r,
      batchSize: 10,
      sink: async (rows) => {
        if (failNext && batches.length === 1) {
          failNext = false;
          throw new Error('the portal is down');
        }
        batches.push(rows);
      },
    });
    await flusher.flush();
    expect(batches.map((b) => b.length)).toEqual([10]);
    expect(flusher.stats.failures).toBe(1);
    expect(r.pendingCalls).toBe(15 * 40);
    await flusher.flush();
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat().reduce((n, row) => n + row.calls, 0)).toBe(1000);
  });

  it('p95 interpolates inside the histogram bucket', () => {
    expect(quantile([0, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.95)).toBeCloseTo(5 + 5 * 0.95);
    expect(quantile(new Array(13).fill(0), 0.95)).toBeNull();
  });
});

describe('in the portal', () => {
  let running: RunningIdp;
  let db: Db;
  let idp: IdpAdapter;
  let dev: { id: string; email: string };
  let app: { id: string; clientId: string };
  const row = (minute: Date, outcome: UsageRow['outcome'], calls: number, productId = 'tracks', clientId?: string): UsageRow => ({
    minute: new Date(Math.floor(minute.getTime() / MIN) * MIN).toISOString(),
    clientId: clientId ?? app.clientId,
    productId,
    outcome,
    calls,
    latencySumMs: calls * 2,
    buckets: [0, calls, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  });

  beforeAll(async () => {
    running = await startEmbeddedIdp();
    db = running.testDb.db;
    idp = running.adapter;
    dev = await addPortalUser(db, 'dev@example.com');
    await publishProduct(db, idp, 'tracks');
    await publishProduct(db, idp, 'petstore');
    const admin = await addPortalUser(db, 'admin@example.com', true);
    await createPlan(
      db,
      admin,
      'tracks',
      createPlanSchema.parse({ name: 'Sandbox', rate: { limit: 3, window: 'minute' }, quota: { limit: 100, window: 'day' } }),
    );
    app = await createApplication(db, idp, dev, { name: 'Charts', description: '' });
    await subscribe(db, idp, dev, app.id, 'tracks');
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('rolls each minute up into its hour and day as it is written, also when rows arrive late', async () => {
    await ingestUsage(db, [row(NOW, '2xx', 5), row(new Date(NOW.getTime() - 5 * MIN), '2xx', 3), row(NOW, 'limited', 2)]);
    await ingestUsage(db, [row(NOW, '2xx', 4)]); // a second flush of the same minute
    const sum = async (granularity: string) =>
      (await db.usageBucket.aggregate({ where: { granularity, clientId: app.clientId, outcome: '2xx' }, _sum: { calls: true, le2: true } }))
        ._sum;
    expect(await sum('minute')).toEqual({ calls: 12, le2: 12 });
    expect(await sum('hour')).toEqual({ calls: 12, le2: 12 });
    expect(await sum('day')).toEqual({ calls: 12, le2: 12 });
    expect(await db.usageBucket.count({ where: { granularity: 'minute', outcome: '2xx' } })).toBe(2);
    expect(await db.usageBucket.count({ where: { granularity: 'hour', outcome: '2xx' } })).toBe(1);
  });

  it('draws the app’s calls, errors, p95 and the quota used against its plan', async () => {
    await ingestUsage(db, [row(NOW, '4xx', 1), row(NOW, '5xx', 2)]);
    const usage = await appUsage(db, dev, app.id, '1h', NOW);
    expect(usage).toMatchObject({ granularity: 'minute', hasCalls: true });
    const tracks = usage.products.find((p) => p.apiProductId === 'tracks')!;
    expect(tracks.points).toHaveLength(60);
    expect(tracks.points.at(-1)).toMatchObject({ calls: 14, ok: 9, clientErrors: 3, serverErrors: 2, limited: 2 });
    expect(tracks.totals).toMatchObject({ calls: 17, ok: 12 });
    expect(tracks.totals.p95).toBeGreaterThan(1);
    expect(tracks.totals.p95).toBeLessThanOrEqual(2);
    // Quota counts what the limits let through: not the 429s.
    expect(tracks.quota).toEqual({ limit: 100, used: 15, window: 'day', resetsAt: '2026-12-03T00:00:00.000Z' });
    expect(tracks.plan).toMatchObject({ name: 'Sandbox', limits: '3 requests per minute · 100 per day' });
    const csv = appUsageCsv(usage).split('\r\n');
    expect(csv[0]).toBe('bucket_start,granularity,api_product_id,plan,calls,ok,client_errors,server_errors,limited,p95_ms');
    expect(csv.find((l) => l.startsWith('2026-12-02T14:30:00.000Z,minute,tracks'))).toMatch(
      /^2026-12-02T14:30:00.000Z,minute,tracks,Sandbox,14,9,3,2,2,1\.\d+$/,
    );
  });

  it('another user sees no usage of someone else’s app', async () => {
    const other = await addPortalUser(db, 'other@example.com');
    await expect(appUsage(db, other, app.id, '24h', NOW)).rejects.toThrow(/not found/);
  });

  it('the admin view ranks products and apps and counts unidentified callers apart', async () => {
    await ingestUsage(db, [row(NOW, 'refused', 7, 'petstore', '')]);
    const usage = await adminUsage(db, '24h', NOW);
    expect(usage.totals.calls).toBe(24);
    expect(usage.topProducts.map((p) => [p.apiProductId, p.calls])).toEqual([
      ['tracks', 17],
      ['petstore', 7],
    ]);
    expect(usage.topApps.map((a) => [a.app?.name ?? null, a.calls])).toEqual([
      ['Charts', 17],
      [null, 7],
    ]);
    expect(usage.points.at(-1)).toMatchObject({ clientErrors: 10, serverErrors: 2 });
    expect(adminUsageCsv(usage)).toContain('top_app,,unidentified,7,0,7,0,0,');
  });

  it('deletes each granularity after its retention', async () => {
    const old = new Date(NOW.getTime() - 3 * 86_400_000);
    await ingestUsage(db, [row(old, '2xx', 1)]);
    const deleted = await pruneUsage(db, { minuteDays: 2, hourDays: 90, dayDays: 730 }, NOW);
    expect(deleted).toBe(1);
    expect(await db.usageBucket.count({ where: { start: { lt: new Date(NOW.getTime() - 2 * 86_400_000) } } })).toBe(2);
  });

  describe('the data-path API', () => {
    const token = 'data-path-token-0123456789-0123456789';
    const api = () => createDataPathApiHandler({ db: () => db, token });
    const call = (path: string, init: RequestInit = {}, auth = `Bearer ${token}`) =>
      api()(new Request(`http://portal${path}`, { ...init, headers: { authorization: auth, ...init.headers } }));

    it('needs its bearer credential', async () => {
      const res = await call('/api/data-path/v1/limits', {}, 'Bearer wrong');
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    });

    it('serves the limits table with an ETag and answers 304 while it is unchanged', async () => {
      const res = await call('/api/data-path/v1/limits');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.entries).toEqual([expect.objectContaining({ clientId: app.clientId, plan: 'sandbox' })]);
      const again = await call('/api/data-path/v1/limits', { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    });

    it('takes a batch of rows, and refuses a bad one whole with the fields that are wrong', async () => {
      const good = row(NOW, 'admitted', 3);
      const post = (rows: unknown) =>
        call('/api/data-path/v1/usage', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rows }),
        });
      expect((await post([good])).status).toBe(204);
      const bad = await post([good, { ...good, minute: '2026-12-02T14:30:05.000Z', buckets: [1] }]);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.fields).toMatchObject({ 'rows.1.minute': expect.any(String), 'rows.1.buckets': expect.any(String) });
      expect(await db.usageBucket.count({ where: { outcome: 'admitted', granularity: 'minute' } })).toBe(1);
      expect(
        (await call('/api/data-path/v1/usage', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status,
      ).toBe(415);
    });
  });
});
