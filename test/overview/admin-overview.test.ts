import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOverview, RECENT_SHOWN } from '@/lib/overview/admin-overview';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The admin console's front page (lib/overview/admin-overview.ts): table
// counts (approved subscriptions are derived from the others), the last
// day's audit events and their failures, the latest events.

let t: TestDb;
const now = new Date('2026-12-03T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  await db.user.createMany({ data: [{ email: 'a@example.com', isAdmin: true }, { email: 'b@example.com' }, { email: 'c@example.com' }] });
  // 12 events in the last day (3 of them not successes), 5 older ones; two share the newest time.
  const events = [
    ...Array.from({ length: 12 }, (_, i) => ({
      at: hoursAgo(i + 0.5),
      outcome: i % 4 === 1 ? (i === 1 ? 'failure' : 'denied') : 'success',
    })),
    ...Array.from({ length: 5 }, (_, i) => ({ at: hoursAgo(30 + i), outcome: 'failure' })),
  ];
  events[1]!.at = events[0]!.at;
  // Six apps on one product: three subscriptions approved, two pending, one rejected.
  const owner = await db.user.findUniqueOrThrow({ where: { email: 'b@example.com' } });
  const product = await db.apiProduct.create({
    data: {
      apiProductId: 'weather',
      slug: 'weather',
      name: 'Weather',
      openapi: '{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{}}',
    },
  });
  const statuses = ['approved', 'pending', 'approved', 'rejected', 'pending', 'approved'];
  for (const [i, status] of statuses.entries()) {
    const app = await db.application.create({ data: { name: `App ${i}`, ownerUserId: owner.id, idp: 'embedded', createdById: owner.id } });
    await db.subscription.create({ data: { applicationId: app.id, productId: product.id, status, requestedById: owner.id } });
  }
  await db.auditEvent.createMany({
    data: events.map((e, i) => ({
      id: `ev-${String(i).padStart(2, '0')}`,
      at: e.at,
      actorEmail: 'a@example.com',
      action: 'app.create',
      targetType: 'application',
      targetId: `app-${i}`,
      outcome: e.outcome,
      detail: i === 0 ? JSON.stringify({ name: 'First' }) : null,
    })),
  });
});
afterAll(() => t.cleanup());

describe('the admin overview', () => {
  it('counts people and admins, products, apps, subscriptions by status, and the last day’s events and failures', async () => {
    const o = await adminOverview(t.db, now);
    expect(o).toMatchObject({ users: 3, admins: 1, products: 1, apps: 6, subscriptions: { approved: 3, pending: 2, rejected: 1 } });
    expect(o.audit).toEqual({ last24h: 12, failures24h: 3 });
  });

  it('shows the latest events, newest first, ties by id, with their detail', async () => {
    const { recent } = await adminOverview(t.db, now);
    expect(recent.map((e) => e.id)).toEqual(
      ['ev-01', 'ev-00', 'ev-02', 'ev-03', 'ev-04', 'ev-05', 'ev-06', 'ev-07'].slice(0, RECENT_SHOWN),
    );
    expect(recent[1]).toEqual({
      id: 'ev-00',
      at: hoursAgo(0.5).toISOString(),
      actor: 'a@example.com',
      action: 'app.create',
      targetType: 'application',
      targetId: 'app-0',
      outcome: 'success',
      idpRequestId: null,
      detail: { name: 'First' },
    });
    expect(recent[0]!.outcome).toBe('failure');
  });
});
