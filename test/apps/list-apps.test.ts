import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApplications, SUBSCRIPTIONS_SHOWN } from '@/lib/apps/list-apps';
import { myAppListQuery } from '@/lib/apps/schemas';
import { createTestDb, type TestDb } from '../helpers/test-db';

// "My apps" and GET /api/apps (lib/apps/list-apps.ts): one page of the apps a
// user can reach — their own and their teams' — newest first, with the first
// subscriptions of each and their count. Run on SQLite, and on PostgreSQL
// with LANYARD_TEST_POSTGRES_URL.

let t: TestDb;
const ids = { me: '', other: '', team: '', otherTeam: '' };
const start = new Date('2026-11-01T00:00:00Z').getTime();
const list = (q: Record<string, unknown> = {}) => listApplications(t.db, ids.me, myAppListQuery.parse(q));

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  ids.me = (await db.user.create({ data: { email: 'me@example.com' } })).id;
  ids.other = (await db.user.create({ data: { email: 'other@example.com' } })).id;
  ids.team = (await db.team.create({ data: { name: 'Payments', memberships: { create: { userId: ids.me, role: 'member' } } } })).id;
  ids.otherTeam = (await db.team.create({ data: { name: 'Elsewhere', memberships: { create: { userId: ids.other, role: 'owner' } } } })).id;

  // 70 of mine, 30 of my team's, 40 nobody lets me see; two pairs share a creation time.
  const rows = [
    ...Array.from({ length: 70 }, (_, i) => ({ name: `Mine ${i}`, ownerUserId: ids.me, ownerTeamId: null, at: i })),
    ...Array.from({ length: 30 }, (_, i) => ({ name: `Team app ${i}`, ownerUserId: null, ownerTeamId: ids.team, at: 100 + i })),
    ...Array.from({ length: 20 }, (_, i) => ({ name: `Theirs ${i}`, ownerUserId: ids.other, ownerTeamId: null, at: 200 + i })),
    ...Array.from({ length: 20 }, (_, i) => ({ name: `Their team ${i}`, ownerUserId: null, ownerTeamId: ids.otherTeam, at: 300 + i })),
  ];
  rows[10]!.at = rows[11]!.at;
  rows[75]!.at = rows[76]!.at;
  await db.application.createMany({
    data: rows.map((r, i) => ({
      id: `app-${String(i).padStart(3, '0')}`,
      name: r.name,
      ownerUserId: r.ownerUserId,
      ownerTeamId: r.ownerTeamId,
      idp: 'embedded',
      clientId: `client-${i}`,
      createdById: r.ownerUserId ?? ids.me,
      createdAt: new Date(start + r.at * 60_000),
    })),
  });
  // A name and a client id with LIKE's wildcards in them, to be matched literally.
  await db.application.update({ where: { id: 'app-005' }, data: { name: '100% uptime_bot' } });
  await db.application.update({ where: { id: 'app-006' }, data: { clientId: 'ZZ_special' } });

  // app-000 subscribes to 12 products; app-070 (a team app) to one, pending.
  const products = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      db.apiProduct.create({ data: { apiProductId: `p${i}`, slug: `p${i}`, name: `Product ${i}`, scope: `p${i}`, openapi: '{}' } }),
    ),
  );
  await db.subscription.createMany({
    data: products.map((p, i) => ({
      applicationId: 'app-000',
      productId: p.id,
      status: i === 3 ? 'pending' : 'approved',
      requestedById: ids.me,
      createdAt: new Date(start + (12 - i) * 1000),
    })),
  });
  await db.subscription.create({
    data: { applicationId: 'app-070', productId: products[0]!.id, status: 'pending', requestedById: ids.me },
  });
});
afterAll(() => t.cleanup());

describe('my apps', () => {
  it('pages through my apps and my teams’ apps, newest first, ties by id, without a repeat or a gap', async () => {
    const first = await list({ pageSize: 50 });
    expect(first).toMatchObject({ total: 100, page: 1, pageSize: 50, pageCount: 2 });
    const second = await list({ pageSize: 50, page: 2 });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((a) => a.id)).size).toBe(100);
    expect(all.every((a) => a.name.startsWith('Mine') || a.name.startsWith('Team app') || a.name.includes('%'))).toBe(true);
    const order = all.map((a) => [a.createdAt, a.id].join(' '));
    expect(order).toEqual([...order].sort().reverse());
    expect((await list({ page: 5 })).items).toEqual([]);
  });

  it('says whose each app is, with the summary fields only', async () => {
    const { items } = await list({ pageSize: 50 });
    const teamApp = items.find((a) => a.id === 'app-070')!;
    expect(teamApp).toEqual({
      id: 'app-070',
      name: 'Team app 0',
      description: '',
      owner: { kind: 'team', id: ids.team, name: 'Payments' },
      type: 'service',
      clientId: 'client-70',
      subscriptions: [{ product: 'p0', name: 'Product 0', status: 'pending' }],
      subscriptionCount: 1,
      createdAt: new Date(start + 100 * 60_000).toISOString(),
    });
    expect(items.find((a) => a.id === 'app-069')!.owner).toEqual({ kind: 'me' });
  });

  it('names the first subscriptions, oldest first, and counts them all', async () => {
    const mine = (await list({ page: 4 })).items.find((a) => a.id === 'app-000')!;
    expect(mine.subscriptionCount).toBe(12);
    expect(mine.subscriptions).toHaveLength(SUBSCRIPTIONS_SHOWN);
    expect(mine.subscriptions.map((s) => s.product)).toEqual(['p11', 'p10', 'p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p3', 'p2']);
    expect(mine.subscriptions.find((s) => s.product === 'p3')!.status).toBe('pending');
  });

  it('searches names and client ids, ignoring case, and takes % and _ literally', async () => {
    expect((await list({ q: 'team APP 2' })).items.map((a) => a.name).sort()).toEqual([
      'Team app 2',
      'Team app 20',
      'Team app 21',
      'Team app 22',
      'Team app 23',
      'Team app 24',
      'Team app 25',
      'Team app 26',
      'Team app 27',
      'Team app 28',
      'Team app 29',
    ]);
    expect((await list({ q: 'client-7' })).total).toBe(1 + 10); // client-7 and client-70…79 (all team apps)
    expect((await list({ q: '100%' })).items.map((a) => a.id)).toEqual(['app-005']);
    expect((await list({ q: '%' })).items.map((a) => a.id)).toEqual(['app-005']);
    expect((await list({ q: 'zz_' })).items.map((a) => a.id)).toEqual(['app-006']);
    expect((await list({ q: 'Theirs' })).total).toBe(0);
  });

  it('shows a user without apps or teams an empty first page', async () => {
    const nobody = await t.db.user.create({ data: { email: 'nobody@example.com' } });
    expect(await listApplications(t.db, nobody.id, myAppListQuery.parse({}))).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 25,
      pageCount: 1,
    });
  });
});
