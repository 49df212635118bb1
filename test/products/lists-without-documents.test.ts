import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listV1Subscriptions } from '@/lib/api-v1/admin';
import { listV1Apps } from '@/lib/api-v1/apps';
import { cursorQuery } from '@/lib/api-v1/pagination';
import { listV1Products } from '@/lib/api-v1/products';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import { listAdminApps } from '@/lib/apps/list-all-apps';
import { listApplications } from '@/lib/apps/list-apps';
import { appChoices } from '@/lib/apps/app-choices';
import { appListQuery, myAppListQuery } from '@/lib/apps/schemas';
import type { Db } from '@/lib/db';
import { computeDrift } from '@/lib/drift/report';
import { scopesView } from '@/lib/drift/scopes-view';
import type { IdpAdapter } from '@/lib/idp/types';
import { adminOverview } from '@/lib/overview/admin-overview';
import { listAdminProducts, listProductOptions } from '@/lib/products/admin-products';
import { catalogTags, listCatalog, recentProducts } from '@/lib/products/catalog';
import { getProductBySlug } from '@/lib/products/get-product';
import { clearDocumentCache } from '@/lib/products/document-cache';
import { subscribeMenu } from '@/lib/products/subscribe-menu';
import { tryItOperationsResponse } from '@/lib/products/try-it-download';
import { createProduct } from '@/lib/products/publish-product';
import { adminProductListQuery, catalogQuerySchema, productCreateSchema } from '@/lib/products/schemas';
import { listPendingApprovals } from '@/lib/subscriptions/approvals';
import { listAdminSubscriptions } from '@/lib/subscriptions/list-subscriptions';
import { subscriptionListQuery } from '@/lib/subscriptions/schemas';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { appUsage } from '@/lib/usage/app-usage';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser } from '../helpers/portal-fixtures';
import { createTestDb } from '../helpers/test-db';

// No list reads a product's OpenAPI document (docs/architecture.md, "Catalog
// and lists at scale"): every query a list sends is recorded through the
// client's query events (lib/db.ts, onQuery), and none may name the
// `openapi` column. The product page, which does need the document, is the
// control: it shows that the recording sees the column when it is read.

const queries: string[] = [];
let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let admin: { id: string; email: string };
let dev: { id: string; email: string };
let appId: string;

const document = (title: string) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title, version: '1.0.0' },
    tags: [{ name: 'weather' }],
    paths: { '/forecast': { get: { tags: ['weather'], summary: 'Forecast', responses: { '200': { description: 'ok' } } } } },
  });

beforeAll(async () => {
  running = await startEmbeddedIdp(await createTestDb({ onQuery: (sql) => queries.push(sql) }));
  db = running.testDb.db;
  idp = running.adapter;
  admin = await addPortalUser(db, 'admin@example.com', true);
  dev = await addPortalUser(db, 'dev@example.com');
  for (const [id, approvalRequired] of [
    ['weather', false],
    ['tides', true],
  ] as const) {
    await createProduct(
      db,
      idp,
      admin,
      productCreateSchema.parse({ apiProductId: id, name: `${id} API`, approvalRequired, openapi: document(id) }),
    );
  }
  appId = (await createApplication(db, idp, dev, { name: 'Forecaster' })).id;
  await subscribe(db, idp, dev, appId, 'weather');
  await subscribe(db, idp, dev, appId, 'tides');
  await db.productCall.create({
    data: {
      productId: (await db.apiProduct.findUniqueOrThrow({ where: { apiProductId: 'weather' } })).id,
      calleeId: (await db.apiProduct.findUniqueOrThrow({ where: { apiProductId: 'tides' } })).id,
      applicationId: appId,
      createdById: admin.id,
    },
  });
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

/** The SQL a call sent. */
async function sqlOf(call: () => Promise<unknown>): Promise<string[]> {
  queries.length = 0;
  await call();
  return [...queries];
}

// The column as either dialect quotes it: `openapi` (SQLite) or "openapi" (PostgreSQL).
const readsDocument = (sql: string) => /[`"]openapi[`"]/.test(sql);

describe('lists never load an OpenAPI document', () => {
  const lists: [string, () => Promise<unknown>][] = [
    ['the catalog', () => listCatalog(db, catalogQuerySchema.parse({}))],
    ['a catalog search with filters', () => listCatalog(db, catalogQuerySchema.parse({ q: 'forecast', tag: 'weather', approval: 'open' }))],
    ['the catalog sorted by update', () => listCatalog(db, catalogQuerySchema.parse({ sort: 'updated' }))],
    ['the catalog’s tags', () => catalogTags(db)],
    ['the home page', () => recentProducts(db)],
    ['the app page', () => getApplicationDetail(db, idp, dev, appId)],
    ['the app’s usage', () => appUsage(db, dev, appId, '24h')],
    ['my apps', () => listApplications(db, dev.id, myAppListQuery.parse({}))],
    [
      'the product page’s app list',
      async () =>
        appChoices(db, dev.id, (await db.apiProduct.findUniqueOrThrow({ where: { apiProductId: 'weather' }, select: { id: true } })).id),
    ],
    ['admin products', () => listAdminProducts(db, adminProductListQuery.parse({ q: 'API' }))],
    ['admin product options', () => listProductOptions(db)],
    ['admin apps', () => listAdminApps(db, appListQuery.parse({ product: 'weather' }))],
    ['admin subscriptions', () => listAdminSubscriptions(db, subscriptionListQuery.parse({}))],
    ['admin approvals', () => listPendingApprovals(db)],
    ['admin overview', () => adminOverview(db)],
    ['admin scopes', () => scopesView(db, idp)],
    ['the drift report', () => computeDrift(db, idp)],
    ['/api/v1 products', () => listV1Products(db, cursorQuery.parse({}))],
    ['/api/v1 apps', () => listV1Apps(db, dev, cursorQuery.parse({}))],
    ['/api/v1 subscriptions', () => listV1Subscriptions(db, cursorQuery.parse({}))],
    // Not a list, but a page every visitor opens: its document reaches the browser from the download, not through the page.
    ['the product page', () => getProductBySlug(db, 'weather')],
    ['the app page’s subscribe menu', () => subscribeMenu(db)],
  ];

  it.each(lists)('%s', async (_, call) => {
    const sql = await sqlOf(call);
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.filter(readsDocument)).toEqual([]);
  });

  it('sees the column where it is read: the try-it operations, on a cache miss', async () => {
    clearDocumentCache();
    const sql = await sqlOf(() => tryItOperationsResponse(db, 'weather', new Request('http://portal.test/')));
    expect(sql.some(readsDocument)).toBe(true);
  });

  it('the lists show what was derived from the documents', async () => {
    const page = await listCatalog(db, catalogQuerySchema.parse({ q: 'forecast' }));
    expect(page.items).toMatchObject([
      { apiProductId: 'tides', operationCount: 1, tags: ['weather'] },
      { apiProductId: 'weather', operationCount: 1, tags: ['weather'] },
    ]);
    const mine = await listApplications(db, dev.id, myAppListQuery.parse({}));
    expect(mine).toMatchObject({ total: 1, items: [{ name: 'Forecaster', subscriptionCount: 2 }] });
  });
});
