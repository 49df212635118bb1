import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import type { IdpAdapter } from '@/lib/idp/types';
import { catalogTags, listCatalog, recentProducts } from '@/lib/products/catalog';
import { deleteProduct } from '@/lib/products/delete-product';
import { documentFacts, productListing } from '@/lib/products/listing';
import { createProduct } from '@/lib/products/publish-product';
import { catalogQuerySchema, productCreateSchema } from '@/lib/products/schemas';
import { updateProduct } from '@/lib/products/update-product';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser } from '../helpers/portal-fixtures';

// The catalog at 3,000 products, on whichever database the run uses (SQLite,
// or PostgreSQL with LANYARD_TEST_POSTGRES_URL): every page, search, filter
// and sort must return exactly what the rules below, worked out here without
// the database, say. Most rows are inserted with createMany and their listing
// columns; three go through the real publish path, and updates and a delete
// go through the domain functions, so the search index follows each kind of
// write. Timing belongs in the benchmark, not here.

const COUNT = 3000;
const BASE = Date.parse('2026-01-01T00:00:00Z');
const WORDS = ['Weather', 'payments', 'Geo', 'shipping', 'Tracks', 'ledger', 'Identity'];
const TAGS = ['billing', 'maps', 'internal'];

const pad = (i: number) => String(i).padStart(4, '0');
const rowId = (i: number) => `row-${pad(i)}`;

interface Expected {
  id: string;
  name: string;
  searchText: string;
  tags: string[];
  approvalRequired: boolean;
  updatedAt: number;
}

function documentFor(i: number) {
  const tags = TAGS.filter((_, k) => i % (k + 3) === 0);
  const paths: Record<string, unknown> = {};
  for (let k = 0; k < 1 + (i % 4); k++) {
    paths[`/things/${k}`] = {
      get: { tags: tags.slice(0, 1), summary: i % 250 === 0 && k === 0 ? 'Refund a zebracorn order' : `List things ${k}` },
    };
  }
  return { openapi: '3.0.3', info: { title: `API ${i}`, version: '1.0.0' }, servers: [{ url: `https://api.example.com/${i}` }], paths };
}

const expected: Expected[] = [];
let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let admin: { id: string; email: string };

beforeAll(async () => {
  running = await startEmbeddedIdp();
  db = running.testDb.db;
  idp = running.adapter;
  admin = await addPortalUser(db, 'admin@example.com', true);
  for (let start = 0; start < COUNT; start += 500) {
    const data = Array.from({ length: 500 }, (_, k) => {
      const i = start + k;
      const fields = {
        name: `${WORDS[i % WORDS.length]} ${i}`,
        apiProductId: `product-${pad(i)}`,
        description: i % 100 === 0 ? 'Forecasts for the weather desk, 50% off' : `Product number ${i}`,
      };
      const listing = productListing(fields, documentFacts(documentFor(i)));
      // A permutation of minutes, with every 11th row tied with the one before it.
      const minute = (i * 7919) % COUNT;
      const updatedAt = new Date(BASE + (minute - (minute % 11 === 0 && minute > 0 ? 1 : 0)) * 60_000);
      const approvalRequired = i % 4 === 0;
      expected.push({
        id: rowId(i),
        name: fields.name,
        searchText: listing.searchText,
        tags: JSON.parse(listing.tags) as string[],
        approvalRequired,
        updatedAt: updatedAt.getTime(),
      });
      return {
        id: rowId(i),
        slug: fields.apiProductId,
        ...fields,
        openapi: JSON.stringify(documentFor(i)),
        approvalRequired,
        updatedAt,
        ...listing,
      };
    });
    await db.apiProduct.createMany({ data });
  }
}, 300_000);

afterAll(async () => {
  await running?.stop();
});

const query = (q: Record<string, unknown>) => catalogQuerySchema.parse({ pageSize: 50, ...q });

// The database's rules, restated: case-insensitive substrings, all words; name order ignoring ASCII case, then row id.
const matches = (row: Expected, q: string) =>
  q
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .every((t) => row.searchText.toLowerCase().includes(t.toLowerCase()));
const byName = (a: Expected, b: Expected) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};
const byUpdated = (a: Expected, b: Expected) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Every row the catalog returns for a query, page by page, with the total it reported. */
async function allPages(q: Record<string, unknown>): Promise<{ ids: string[]; total: number; pages: number }> {
  const ids: string[] = [];
  let page = 1;
  let total = -1;
  let pageCount = 1;
  do {
    const result = await listCatalog(db, query({ ...q, page }));
    total = result.total;
    pageCount = result.pageCount;
    expect(result.items.length).toBeLessThanOrEqual(50);
    const slugs = result.items.map((p) => p.slug);
    const rows = await db.apiProduct.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
    const idOf = new Map(rows.map((r) => [r.slug, r.id]));
    ids.push(...slugs.map((s) => idOf.get(s)!));
    page += 1;
  } while (page <= pageCount);
  return { ids, total, pages: pageCount };
}

describe('the catalog at 3,000 products', () => {
  it('pages through every product in name order, ignoring case, without a repeat or a gap', async () => {
    const { ids, total, pages } = await allPages({});
    expect(total).toBe(COUNT);
    expect(pages).toBe(COUNT / 50);
    expect(new Set(ids).size).toBe(COUNT);
    expect(ids).toEqual([...expected].sort(byName).map((r) => r.id));
  });

  it('sorts by most recently updated, ties by id', async () => {
    const want = [...expected].sort(byUpdated).map((r) => r.id);
    for (const page of [1, 2, 37, 60]) {
      const result = await listCatalog(db, query({ sort: 'updated', page }));
      const rows = await db.apiProduct.findMany({
        where: { slug: { in: result.items.map((p) => p.slug) } },
        select: { id: true, slug: true },
      });
      const idOf = new Map(rows.map((r) => [r.slug, r.id]));
      expect(result.items.map((p) => idOf.get(p.slug))).toEqual(want.slice((page - 1) * 50, page * 50));
    }
  });

  it.each([
    ['0042', 'an id'],
    ['WEATHER', 'a name and a description, in another case'],
    ['zebracorn', 'an operation summary only'],
    ['billing', 'a tag'],
    ['weather 100', 'two words, both required'],
    ['ge', 'a word shorter than the index’s trigrams'],
    ['50%', 'a LIKE wildcard, matched as itself'],
    ['"quoted', 'a double quote'],
    ['no-such-thing', 'nothing'],
  ])('searches for %s (%s)', async (q) => {
    const { ids, total } = await allPages({ q });
    const want = expected
      .filter((r) => matches(r, q))
      .sort(byName)
      .map((r) => r.id);
    expect(total).toBe(want.length);
    expect(ids).toEqual(want);
  });

  it('filters by tag and by approval, with a search, in both sorts', async () => {
    for (const sort of ['name', 'updated'] as const) {
      const { ids, total } = await allPages({ q: 'things', tag: 'maps', approval: 'required', sort });
      const want = expected
        .filter((r) => matches(r, 'things') && r.tags.includes('maps') && r.approvalRequired)
        .sort(sort === 'name' ? byName : byUpdated)
        .map((r) => r.id);
      expect(want.length).toBeGreaterThan(50);
      expect(total).toBe(want.length);
      expect(ids).toEqual(want);
    }
    const open = await listCatalog(db, query({ approval: 'open' }));
    expect(open.total).toBe(expected.filter((r) => !r.approvalRequired).length);
  });

  it('lists the tags most products carry, with their counts', async () => {
    const tags = await catalogTags(db);
    const count = (t: string) => expected.filter((r) => r.tags.includes(t)).length;
    expect(tags).toEqual(
      TAGS.map((tag) => ({ tag, count: count(tag) }))
        .filter((t) => t.count > 0)
        .sort((a, b) => b.count - a.count),
    );
  });

  it('answers a page past the end with no rows and the true total', async () => {
    const result = await listCatalog(db, query({ page: 61 }));
    expect(result).toMatchObject({ items: [], total: COUNT, pageCount: 60 });
  });

  it('finds what the publish path indexed, follows updates, and forgets a deleted product', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Quokka', version: '1.0.0' },
      tags: [{ name: 'marsupials' }],
      paths: { '/hops': { get: { summary: 'Count the quokka hops', responses: { '200': { description: 'ok' } } } } },
    });
    for (const n of [1, 2, 3]) {
      await createProduct(db, idp, admin, productCreateSchema.parse({ apiProductId: `quokka-${n}`, name: `Koala ${n}`, openapi: doc }));
    }
    const hops = await listCatalog(db, query({ q: 'hops' }));
    expect(hops.items.map((p) => p.apiProductId)).toEqual(['quokka-1', 'quokka-2', 'quokka-3']);
    expect(hops.items[0]).toMatchObject({ operationCount: 1, tags: ['marsupials'] });
    // The tag list follows each change (it is cached under the products' count and newest update).
    const marsupials = async () => (await catalogTags(db)).find((t) => t.tag === 'marsupials')?.count;
    expect(await marsupials()).toBe(3);
    expect((await recentProducts(db, 3)).map((p) => p.apiProductId).sort()).toEqual(['quokka-1', 'quokka-2', 'quokka-3']);

    // A new name is searchable and the old one is not; the document's summaries stay.
    await updateProduct(db, admin, 'quokka-2', { name: 'Wallaby 2' });
    expect((await listCatalog(db, query({ q: 'koala' }))).items.map((p) => p.apiProductId)).toEqual(['quokka-1', 'quokka-3']);
    expect((await listCatalog(db, query({ q: 'wallaby hops' }))).items.map((p) => p.apiProductId)).toEqual(['quokka-2']);

    // A new document replaces the summaries and tags.
    await updateProduct(db, admin, 'quokka-3', {
      openapi: JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Q', version: '2' },
        paths: { '/jumps': { post: { summary: 'Record a jump', responses: { '201': { description: 'ok' } } } } },
      }),
    });
    expect((await listCatalog(db, query({ q: 'hops' }))).items.map((p) => p.apiProductId)).toEqual(['quokka-1', 'quokka-2']);
    expect((await listCatalog(db, query({ q: 'jump' }))).items).toMatchObject([{ apiProductId: 'quokka-3', tags: [], operationCount: 1 }]);
    expect(await marsupials()).toBe(2);

    await deleteProduct(db, idp, admin, 'quokka-1', { confirm: true });
    expect((await listCatalog(db, query({ q: 'hops' }))).items.map((p) => p.apiProductId)).toEqual(['quokka-2']);
    expect(await marsupials()).toBe(1);
  });
});
