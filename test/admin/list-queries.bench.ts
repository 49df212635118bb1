import { afterAll, beforeAll, bench, describe } from 'vitest';
import { listAdminApps } from '@/lib/apps/list-all-apps';
import { appListQuery } from '@/lib/apps/schemas';
import { listAuditEvents } from '@/lib/audit/list-audit';
import { auditListQuery } from '@/lib/audit/schemas';
import { listAdminSubscriptions } from '@/lib/subscriptions/list-subscriptions';
import { subscriptionListQuery } from '@/lib/subscriptions/schemas';
import { createTestDb, type TestDb } from '../helpers/test-db';

// `npx vitest bench test/admin`: how long the admin console's page queries
// take at 10,000 applications, 10,000 subscriptions and 50,000 audit entries
// (test/admin/pagination.test.ts checks the same queries return the right
// rows). Each iteration is one page request: the count and the page.

const APPS = 10_000;
const AUDIT = 50_000;
const BASE = Date.parse('2026-01-01T00:00:00Z');
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  await db.user.createMany({
    data: [
      { id: 'u-a', email: 'a@example.com' },
      { id: 'u-b', email: 'b@example.com' },
    ],
  });
  const products = await Promise.all(
    ['alpha', 'beta', 'gamma'].map((p) => db.apiProduct.create({ data: { apiProductId: p, slug: p, name: p, openapi: '{}' } })),
  );
  for (let start = 0; start < APPS; start += 1000) {
    const ids = Array.from({ length: 1000 }, (_, k) => start + k);
    await db.application.createMany({
      data: ids.map((i) => ({
        id: `app-${i}`,
        name: `App ${i}`,
        ownerUserId: i % 2 ? 'u-a' : 'u-b',
        idp: 'embedded',
        clientId: `c-${i}`,
        createdById: 'u-a',
        createdAt: new Date(BASE + i * 1000),
      })),
    });
    await db.subscription.createMany({
      data: ids.map((i) => ({
        applicationId: `app-${i}`,
        productId: products[i % 3]!.id,
        status: ['approved', 'pending', 'rejected'][i % 3]!,
        requestedById: 'u-a',
        createdAt: new Date(BASE + i * 1000),
      })),
    });
  }
  const actions = ['application.create', 'subscription.create', 'token.fetch', 'product.update', 'drift.set_client_scopes'];
  for (let start = 0; start < AUDIT; start += 5000) {
    await db.auditEvent.createMany({
      data: Array.from({ length: 5000 }, (_, k) => start + k).map((i) => ({
        at: new Date(BASE + i * 30_000),
        actorEmail: i % 2 ? 'a@example.com' : 'b@example.com',
        action: actions[i % actions.length]!,
        targetType: 'application',
        targetId: `app-${i % APPS}`,
        outcome: i % 50 ? 'success' : 'failure',
        detail: JSON.stringify({ i }),
      })),
    });
  }
}, 300_000);

afterAll(async () => {
  await t?.cleanup();
});

const opts = { time: 1500, warmupTime: 200 };

describe('admin page queries at 10,000 rows', () => {
  bench('apps: first page', () => listAdminApps(t.db, appListQuery.parse({})).then(() => undefined), opts);
  bench('apps: page 300 of 400', () => listAdminApps(t.db, appListQuery.parse({ page: 300 })).then(() => undefined), opts);
  bench(
    'apps: product + status filter',
    () => listAdminApps(t.db, appListQuery.parse({ product: 'beta', status: 'pending', page: 10 })).then(() => undefined),
    opts,
  );
  bench('apps: name search', () => listAdminApps(t.db, appListQuery.parse({ q: 'App 99' })).then(() => undefined), opts);
  bench('subscriptions: first page', () => listAdminSubscriptions(t.db, subscriptionListQuery.parse({})).then(() => undefined), opts);
  bench(
    'subscriptions: status, page 100',
    () => listAdminSubscriptions(t.db, subscriptionListQuery.parse({ status: 'approved', page: 100 })).then(() => undefined),
    opts,
  );
  bench(
    'subscriptions: product filter',
    () => listAdminSubscriptions(t.db, subscriptionListQuery.parse({ product: 'gamma', page: 50 })).then(() => undefined),
    opts,
  );
});

describe('audit log at 50,000 entries', () => {
  bench('audit: first page', () => listAuditEvents(t.db, auditListQuery.parse({})).then(() => undefined), opts);
  bench('audit: outcome=failure', () => listAuditEvents(t.db, auditListQuery.parse({ outcome: 'failure' })).then(() => undefined), opts);
  bench(
    'audit: action family + date range',
    () => listAuditEvents(t.db, auditListQuery.parse({ action: 'drift.*', from: '2026-01-05', to: '2026-01-10' })).then(() => undefined),
    opts,
  );
  bench(
    'audit: actor, page 200',
    () => listAuditEvents(t.db, auditListQuery.parse({ actor: 'a@example', page: 200 })).then(() => undefined),
    opts,
  );
});
