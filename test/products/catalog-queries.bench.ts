import { afterAll, beforeAll, bench, describe } from 'vitest';
import { listApplications } from '@/lib/apps/list-apps';
import { myAppListQuery } from '@/lib/apps/schemas';
import { catalogTags, listCatalog, recentProducts } from '@/lib/products/catalog';
import { documentFacts, productListing } from '@/lib/products/listing';
import { catalogQuerySchema } from '@/lib/products/schemas';
import { createTestDb, type TestDb } from '../helpers/test-db';

// `npm run bench:catalog` (with LANYARD_TEST_POSTGRES_URL for PostgreSQL):
// how long the catalog's and my apps' page queries take at 3,000 products
// with 120 operations each and 1,000 apps of one user
// (test/products/catalog-scale.test.ts checks that they return the right rows).

const PRODUCTS = 3000;
const APPS = 1000;
const TAGS = ['billing', 'maps', 'internal', 'weather', 'search'];
let t: TestDb;

function documentFor(i: number) {
  const paths: Record<string, unknown> = {};
  for (let k = 0; k < 60; k++) {
    const tags = [TAGS[(i + k) % TAGS.length]];
    paths[`/resource-${k}/{id}`] = {
      get: { tags, summary: `Get resource ${k} of product ${i}`, responses: { '200': { description: 'ok' } } },
      put: {
        tags,
        summary: `Replace resource ${k}${i % 500 === 0 ? ' with a zebracorn' : ''}`,
        responses: { '200': { description: 'ok' } },
      },
    };
  }
  return { openapi: '3.0.3', info: { title: `API ${i}`, version: '1.0.0' }, paths };
}

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  for (let start = 0; start < PRODUCTS; start += 250) {
    await db.apiProduct.createMany({
      data: Array.from({ length: 250 }, (_, k) => {
        const i = start + k;
        const fields = { name: `Product ${i}`, apiProductId: `product-${String(i).padStart(4, '0')}`, description: `The ${i}th API` };
        const doc = documentFor(i);
        return {
          ...fields,
          slug: fields.apiProductId,
          openapi: JSON.stringify(doc),
          approvalRequired: i % 4 === 0,
          ...productListing(fields, documentFacts(doc)),
        };
      }),
    });
  }
  await db.user.create({ data: { id: 'u-dev', email: 'dev@example.com' } });
  await db.application.createMany({
    data: Array.from({ length: APPS }, (_, i) => ({
      id: `app-${i}`,
      name: `App ${i}`,
      ownerUserId: 'u-dev',
      idp: 'embedded',
      createdById: 'u-dev',
    })),
  });
}, 600_000);

afterAll(async () => {
  await t?.cleanup();
});

const q = (query: Record<string, unknown>) => catalogQuerySchema.parse(query);

describe(`catalog at ${PRODUCTS} products`, () => {
  bench('first page by name', async () => void (await listCatalog(t.db, q({}))));
  bench('page 60 by name', async () => void (await listCatalog(t.db, q({ page: 60, pageSize: 50 }))));
  bench('recently updated, page 1', async () => void (await listCatalog(t.db, q({ sort: 'updated' }))));
  bench('search an id fragment (0042)', async () => void (await listCatalog(t.db, q({ q: '0042' }))));
  bench('search an operation summary (zebracorn)', async () => void (await listCatalog(t.db, q({ q: 'zebracorn' }))));
  bench('search a common word (resource), 3,000 hits', async () => void (await listCatalog(t.db, q({ q: 'resource' }))));
  bench('tag and approval filters', async () => void (await listCatalog(t.db, q({ tag: 'maps', approval: 'required' }))));
  bench('the tag list', async () => void (await catalogTags(t.db)));
  bench('home: six most recent', async () => void (await recentProducts(t.db)));
});

describe(`my apps at ${APPS} apps`, () => {
  bench('first page', async () => void (await listApplications(t.db, 'u-dev', myAppListQuery.parse({}))));
  bench('a search', async () => void (await listApplications(t.db, 'u-dev', myAppListQuery.parse({ q: 'App 99' }))));
});
