import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAdminApps } from '@/lib/apps/list-all-apps';
import { appListQuery } from '@/lib/apps/schemas';
import { listAdminSubscriptions } from '@/lib/subscriptions/list-subscriptions';
import { subscriptionListQuery } from '@/lib/subscriptions/schemas';
import { listAdminUsers } from '@/lib/users/list-users';
import { userListQuery } from '@/lib/users/schemas';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The admin lists page in the database: 10,000 applications and 10,000
// subscriptions, and a page query must return exactly the slice that the
// ordering (newest first, then id) puts on that page. Timing lives in
// test/admin/list-queries.bench.ts, not here.

const APPS = 10_000;
const PRODUCTS = ['alpha', 'beta', 'gamma'] as const;
const STATUSES = ['approved', 'pending', 'rejected'] as const;
const BASE = Date.parse('2026-01-01T00:00:00Z');

let t: TestDb;
const appId = (i: number) => `app-${String(i).padStart(5, '0')}`;
// Every 7th app shares its creation time with the one before it, so that ties exercise the id tiebreak.
const createdAt = (i: number) => new Date(BASE + (i - (i % 7 === 0 ? 1 : 0)) * 60_000);

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  await db.user.createMany({
    data: [
      { id: 'u-ana', email: 'ana@example.com', name: 'Ana', isAdmin: true, createdAt: new Date(BASE) },
      { id: 'u-bo', email: 'bo@example.com', name: 'Bo', createdAt: new Date(BASE + 1000) },
    ],
  });
  await db.team.create({ data: { id: 'team-red', name: 'Red team' } });
  const products = await Promise.all(
    PRODUCTS.map((p) =>
      db.apiProduct.create({
        data: { apiProductId: p, slug: p, name: `${p} API`, openapi: '{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{}}' },
      }),
    ),
  );
  for (let start = 0; start < APPS; start += 1000) {
    const rows = Array.from({ length: 1000 }, (_, k) => start + k);
    await db.application.createMany({
      data: rows.map((i) => ({
        id: appId(i),
        name: `App ${i}${i % 100 === 0 ? ' weather' : ''}`,
        ownerUserId: i % 4 === 3 ? null : i % 2 === 0 ? 'u-ana' : 'u-bo',
        ownerTeamId: i % 4 === 3 ? 'team-red' : null,
        idp: 'embedded',
        clientId: `client-${i}`,
        createdById: 'u-ana',
        createdAt: createdAt(i),
      })),
    });
    await db.subscription.createMany({
      data: rows.map((i) => ({
        applicationId: appId(i),
        productId: products[i % 3]!.id,
        status: STATUSES[i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : i % 2]!,
        requestedById: 'u-bo',
        createdAt: createdAt(i),
      })),
    });
  }
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

/** The expected order, worked out here without the database: newest first, then id descending. */
function expectedOrder(ids: number[]): string[] {
  return ids
    .map((i) => ({ id: appId(i), at: createdAt(i).getTime() }))
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.id);
}

describe('admin lists at 10,000 rows', () => {
  it('a page of all applications is the right slice, with the total', async () => {
    const all = expectedOrder(Array.from({ length: APPS }, (_, i) => i));
    const page = await listAdminApps(t.db, appListQuery.parse({ page: '7', pageSize: '25' }));
    expect(page.total).toBe(APPS);
    expect(page.pageCount).toBe(400);
    expect(page.items.map((a) => a.id)).toEqual(all.slice(150, 175));
    const last = await listAdminApps(t.db, appListQuery.parse({ page: '200', pageSize: '50' }));
    expect(last.items.map((a) => a.id)).toEqual(all.slice(9950, 10_000));
    expect((await listAdminApps(t.db, appListQuery.parse({ page: '201', pageSize: '50' }))).items).toEqual([]);
  });

  it('consecutive pages neither repeat nor skip rows that tie on the creation time', async () => {
    const seen: string[] = [];
    for (let p = 1; p <= 6; p++)
      seen.push(...(await listAdminApps(t.db, appListQuery.parse({ page: p, pageSize: 50 }))).items.map((a) => a.id));
    expect(new Set(seen).size).toBe(300);
    expect(seen).toEqual(expectedOrder(Array.from({ length: APPS }, (_, i) => i)).slice(0, 300));
  });

  it('filters applications by product and status, owner and search, before paging', async () => {
    const ids = Array.from({ length: APPS }, (_, i) => i);
    const betaPending = ids.filter((i) => i % 3 === 1 && i % 5 !== 0 && i % 2 === 1);
    const page = await listAdminApps(t.db, appListQuery.parse({ product: 'beta', status: 'pending', page: '3', pageSize: '25' }));
    expect(page.total).toBe(betaPending.length);
    expect(page.items.map((a) => a.id)).toEqual(expectedOrder(betaPending).slice(50, 75));
    expect(page.items.every((a) => a.subscriptions.some((s) => s.apiProductId === 'beta' && s.status === 'pending'))).toBe(true);

    const team = await listAdminApps(t.db, appListQuery.parse({ owner: 'red team', page: '2', pageSize: '25' }));
    expect(team.total).toBe(2500);
    expect(team.items.map((a) => a.id)).toEqual(expectedOrder(ids.filter((i) => i % 4 === 3)).slice(25, 50));
    expect(team.items.every((a) => a.owner.kind === 'team')).toBe(true);

    const bo = await listAdminApps(t.db, appListQuery.parse({ owner: 'bo@example.com' }));
    expect(bo.total).toBe(ids.filter((i) => i % 4 !== 3 && i % 2 === 1).length);

    const weather = await listAdminApps(t.db, appListQuery.parse({ q: 'weather' }));
    expect(weather.total).toBe(100);
    expect(weather.items.map((a) => a.id)).toEqual(expectedOrder(ids.filter((i) => i % 100 === 0)).slice(0, 25));
    expect((await listAdminApps(t.db, appListQuery.parse({ q: appId(4242) }))).items.map((a) => a.id)).toEqual([appId(4242)]);
  });

  it('pages subscriptions with the same filters', async () => {
    const ids = Array.from({ length: APPS }, (_, i) => i);
    const rejected = ids.filter((i) => i % 3 !== 0 && i % 5 === 0);
    const page = await listAdminSubscriptions(t.db, subscriptionListQuery.parse({ status: 'rejected', page: '4', pageSize: '50' }));
    expect(page.total).toBe(rejected.length);
    expect(page.items.map((s) => s.app.id)).toEqual(expectedOrder(rejected).slice(150, 200));
    expect(page.items.every((s) => s.status === 'rejected' && s.requestedBy === 'bo@example.com')).toBe(true);

    const alpha = await listAdminSubscriptions(t.db, subscriptionListQuery.parse({ product: 'alpha', owner: 'ana@', pageSize: '25' }));
    const alphaAna = ids.filter((i) => i % 3 === 0 && i % 4 !== 3 && i % 2 === 0);
    expect(alpha.total).toBe(alphaAna.length);
    expect(alpha.items.map((s) => s.app.id)).toEqual(expectedOrder(alphaAna).slice(0, 25));
    expect(alpha.items[0]!.product).toEqual({ apiProductId: 'alpha', name: 'alpha API', slug: 'alpha' });

    // Unfiltered: every subscription counted, each row naming its app's owner.
    const all = await listAdminSubscriptions(t.db, subscriptionListQuery.parse({ pageSize: '50' }));
    expect(all.total).toBe(APPS);
    expect(all.items.map((s) => s.app.id)).toEqual(expectedOrder(ids).slice(0, 50));
    const owners = new Map(ids.map((i) => [appId(i), i % 4 === 3 ? 'Team Red team' : i % 2 === 0 ? 'ana@example.com' : 'bo@example.com']));
    expect(all.items.map((s) => s.app.owner)).toEqual(all.items.map((s) => owners.get(s.app.id)));
    expect(all.items.every((s) => s.requestedBy === 'bo@example.com' && s.decidedBy === null)).toBe(true);
  });

  it('pages users and filters them by role', async () => {
    const admins = await listAdminUsers(t.db, userListQuery.parse({ role: 'admin' }));
    expect(admins.items.map((u) => u.email)).toEqual(['ana@example.com']);
    expect(admins.items[0]!.apps).toBe(5000);
    const everyone = await listAdminUsers(t.db, userListQuery.parse({}));
    expect(everyone.items.map((u) => u.email)).toEqual(['bo@example.com', 'ana@example.com']);
  });

  it('refuses page sizes outside 25–50 and pages below 1', () => {
    expect(appListQuery.safeParse({ pageSize: '10' }).success).toBe(false);
    expect(appListQuery.safeParse({ pageSize: '51' }).success).toBe(false);
    expect(appListQuery.safeParse({ page: '0' }).success).toBe(false);
    expect(appListQuery.parse({})).toMatchObject({ page: 1, pageSize: 25 });
  });
});
