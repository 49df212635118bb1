import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appChoices } from '@/lib/apps/app-choices';
import { createApplication } from '@/lib/apps/create-app';
import type { Db } from '@/lib/db';
import { subscribe } from '@/lib/subscriptions/subscribe';
import type { IdpAdapter } from '@/lib/idp/types';
import { clearDocumentCache, documentCacheStats, productDocument } from '@/lib/products/document-cache';
import { SizeBoundedLru } from '@/lib/size-bounded-lru';
import { documentResponse } from '@/lib/products/document-download';
import { getProductBySlug } from '@/lib/products/get-product';
import { tryItOperationsResponse } from '@/lib/products/try-it-download';
import { readDocumentUpload } from '@/lib/products/document-upload';
import { checkOpenApi } from '@/lib/products/openapi';
import { createProduct } from '@/lib/products/publish-product';
import { productCreateSchema, productUpdateSchema } from '@/lib/products/schemas';
import { updateProduct } from '@/lib/products/update-product';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser } from '../helpers/portal-fixtures';

// Big, real documents (docs/architecture.md, "Product pages and big
// documents"): the check in its worker thread, the upload cap, the YAML alias
// limit, tolerated regex patterns, the per-version document cache and the
// downloads with their ETags. The cap is lowered for this file, so a document
// over it is cheap to make.
process.env.LANYARD_MAX_OPENAPI_MB = '16';

const GITHUB = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');

const doc = (title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title, version: '1.0.0' },
    servers: [{ url: 'https://gateway.example/orders' }],
    paths: {
      '/orders/{id}': {
        get: {
          summary: `Get an order (${title})`,
          parameters: [{ $ref: '#/components/parameters/OrderId' }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: { parameters: { OrderId: { name: 'id', in: 'path', required: true, schema: { type: 'string', example: 'o-42' } } } },
    ...extra,
  });

let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let admin: { id: string; email: string };

beforeAll(async () => {
  running = await startEmbeddedIdp();
  db = running.testDb.db;
  idp = running.adapter;
  admin = await addPortalUser(db, 'admin@example.com', true);
});
afterAll(async () => {
  await running?.stop();
});

const input = (over: Partial<Record<string, unknown>> = {}) =>
  productCreateSchema.parse({ apiProductId: 'orders', name: 'Orders API', openapi: doc('Orders'), ...over });

const upload = (body: string | ArrayBuffer) =>
  new Request('http://portal.test/api/admin/products', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

const get = (slug: string, format: 'json' | 'yaml', headers: Record<string, string> = {}) =>
  documentResponse(db, slug, format, new Request(`http://portal.test/apis/${slug}/openapi.${format}`, { headers }));

describe('checking documents in the worker', () => {
  it("validates GitHub's 13 MB description and keeps it as written", { timeout: 120_000 }, async () => {
    const text = readFileSync(GITHUB, 'utf8');
    expect(text.length).toBeGreaterThan(12 * 1024 * 1024);
    const checked = await checkOpenApi(text);
    expect(checked.openapiVersion).toMatch(/^3\./);
    expect(checked.title).toMatch(/GitHub/);
    expect(checked.json === JSON.stringify(JSON.parse(text))).toBe(true);
  });

  it('answers other work while it checks a big document', { timeout: 120_000 }, async () => {
    const text = readFileSync(GITHUB, 'utf8');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await checkOpenApi(text);
    clearInterval(timer);
    // On the request thread the event loop would stand still for the whole check.
    expect(ticks).toBeGreaterThan(((Date.now() - started) / 10) * 0.5);
  });

  it(
    'parses a whole upload in the worker: the request thread keeps serving while a 13 MB body is read and checked',
    { timeout: 120_000 },
    async () => {
      const text = readFileSync(GITHUB, 'utf8');
      // Bytes, as a request body arrives from the network (a string body would be encoded to UTF-8 on this thread when read).
      const body = new TextEncoder().encode(JSON.stringify({ apiProductId: 'github', name: 'GitHub', openapi: text })).buffer;
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const started = Date.now();
      const { input, checked } = await readDocumentUpload(upload(body), productCreateSchema);
      clearInterval(timer);
      expect(input).toMatchObject({ apiProductId: 'github', name: 'GitHub', approvalRequired: false });
      expect(input.openapi).toBe(checked!.json);
      expect(checked!.facts.operationCount).toBeGreaterThan(900);
      // How long the request thread stands still is measured by `npm run bench:portal` (/api/health while it publishes).
      expect(ticks).toBeGreaterThan(((Date.now() - started) / 10) * 0.5);
    },
  );

  it('answers an upload that is not JSON, holds broken text, misses its document or has a bad one as readBody would', async () => {
    await expect(readDocumentUpload(upload('{ nope'), productCreateSchema)).rejects.toMatchObject({
      status: 400,
      message: 'The request body is not valid JSON',
    });
    await expect(readDocumentUpload(upload(JSON.stringify(input({ name: 'Bad \ud800 text' }))), productCreateSchema)).rejects.toMatchObject(
      { status: 400, fields: { name: expect.stringMatching(/broken Unicode/) } },
    );
    await expect(readDocumentUpload(upload(JSON.stringify({ ...input(), openapi: '' })), productCreateSchema)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['openapi'], message: 'Upload an OpenAPI 3 document' })],
    });
    await expect(
      readDocumentUpload(upload(JSON.stringify(input({ openapi: JSON.stringify({ swagger: '2.0' }) }))), productCreateSchema),
    ).rejects.toMatchObject({ fields: { openapi: expect.stringMatching(/Swagger 2\.0/) } });
    // A body without a document, where none is required, is just its fields.
    expect(await readDocumentUpload(upload(JSON.stringify({ name: 'Renamed' })), productUpdateSchema)).toEqual({
      input: { name: 'Renamed' },
      checked: undefined,
    });
  });

  it('refuses a YAML alias bomb', async () => {
    const lines = [
      'openapi: 3.0.3',
      'info: {title: bomb, version: "1"}',
      'paths: {}',
      'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `x-a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const started = Date.now();
    await expect(checkOpenApi(lines.join('\n'))).rejects.toMatchObject({
      code: 'invalid',
      fields: { openapi: expect.stringMatching(/YAML aliases expand it/) },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('accepts YAML anchors used a few times', async () => {
    const text = [
      'openapi: 3.0.3',
      'info: {title: anchors, version: "1"}',
      'paths:',
      '  /a:',
      '    get: &op {summary: A, responses: {"200": {description: ok}}}',
      '  /b:',
      '    get: *op',
    ].join('\n');
    expect(JSON.parse((await checkOpenApi(text)).json).paths['/b'].get.summary).toBe('A');
  });

  it('turns an invalid regex pattern into a warning and stores the document as written', async () => {
    const bad = doc('Patterns', {
      components: {
        parameters: { OrderId: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
        schemas: {
          Order: {
            type: 'object',
            properties: {
              code: { type: 'string', pattern: '^(?<x>[a-z]+$' },
              pattern: { type: 'string', pattern: '^[a-z]+$' },
            },
          },
        },
      },
    });
    const product = await createProduct(db, idp, admin, input({ apiProductId: 'patterns', openapi: bad }));
    expect(product.warnings).toEqual([
      { path: '#/components/schemas/Order/properties/code/pattern', message: expect.stringMatching(/not a valid regular expression/) },
    ]);
    expect(JSON.parse(product.openapi).components.schemas.Order.properties.code.pattern).toBe('^(?<x>[a-z]+$');
    // A property that happens to be called "pattern" is no keyword and no warning.
    expect(product.warnings).toHaveLength(1);
  });

  it('refuses a document over the cap, and everything else that is not OpenAPI 3', async () => {
    const huge = doc('Huge', { 'x-padding': 'x'.repeat(16 * 1024 * 1024) });
    await expect(checkOpenApi(huge)).rejects.toMatchObject({ fields: { openapi: expect.stringMatching(/larger than 16 MB/) } });
    // The route refuses a body far over the cap before parsing it: 413.
    const body = JSON.stringify(input({ openapi: huge.repeat(2) }));
    const req = new Request('http://portal.test/api/admin/products', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await expect(readDocumentUpload(req, productCreateSchema)).rejects.toMatchObject({
      status: 413,
      message: expect.stringMatching(/at most 16 MB/),
    });
    await expect(checkOpenApi('{ nope')).rejects.toMatchObject({ fields: { openapi: expect.stringMatching(/not valid JSON/) } });
    await expect(checkOpenApi(JSON.stringify({ swagger: '2.0' }))).rejects.toMatchObject({
      fields: { openapi: expect.stringMatching(/Swagger 2\.0/) },
    });
    await expect(
      checkOpenApi(doc('Missing', { paths: { '/a': { get: { responses: { '200': { $ref: '#/nope' } } } } } })),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
  });
});

describe('the document cache', () => {
  it('keeps one entry per product version and serves the new version after an update', async () => {
    clearDocumentCache();
    const product = await createProduct(db, idp, admin, input({ apiProductId: 'cached', openapi: doc('First') }));
    const first = await productDocument(db, product);
    expect(first.operations).toEqual([{ method: 'GET', path: '/orders/o-42', summary: 'Get an order (First)' }]);
    expect(first.gatewayBase).toBe('https://gateway.example/orders');
    expect(await productDocument(db, product)).toBe(first);

    // Another process changes the product: the new updatedAt is a new key.
    await new Promise((r) => setTimeout(r, 5));
    const updated = await updateProduct(db, admin, 'cached', { openapi: doc('Second') });
    const second = await productDocument(db, updated);
    expect(second.operations[0]!.summary).toBe('Get an order (Second)');
    expect(second.etag.json).not.toBe(first.etag.json);
    // What the product page's try-it form fetches, and its ETag moves with the version.
    const served = await tryItOperationsResponse(db, 'cached', new Request('http://portal.test/'));
    expect(((await served.json()) as { summary: string }[])[0]!.summary).toBe('Get an order (Second)');
    const again = await tryItOperationsResponse(
      db,
      'cached',
      new Request('http://portal.test/', { headers: { 'if-none-match': served.headers.get('etag')! } }),
    );
    expect(again.status).toBe(304);
    expect((await getProductBySlug(db, 'cached'))?.operationCount).toBe(1);
    expect(documentCacheStats().entries).toBe(2);
  });

  it('shares one load between concurrent readers', async () => {
    clearDocumentCache();
    const product = await db.apiProduct.findUniqueOrThrow({ where: { slug: 'cached' } });
    const all = await Promise.all(Array.from({ length: 20 }, () => productDocument(db, product)));
    expect(new Set(all).size).toBe(1);
  });

  it('drops the least recently used entries past its size', () => {
    const lru = new SizeBoundedLru<{ bytes: number; name: string }>(100);
    lru.set('a', { bytes: 40, name: 'a' });
    lru.set('b', { bytes: 40, name: 'b' });
    lru.get('a');
    lru.set('c', { bytes: 40, name: 'c' });
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')?.name).toBe('a');
    expect(lru.bytes).toBe(80);
    lru.set('huge', { bytes: 101, name: 'huge' });
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(2);
  });
});

describe('downloading the document', () => {
  beforeAll(async () => {
    await createProduct(db, idp, admin, input());
  });

  it('serves JSON with an ETag, a 304 while it is unchanged, and a new ETag after an update', async () => {
    const res = await get('orders', 'json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(JSON.parse(await res.text())).toEqual(JSON.parse(doc('Orders')));

    const again = await get('orders', 'json', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    await new Promise((r) => setTimeout(r, 5));
    await updateProduct(db, admin, 'orders', { description: 'Now with a description' });
    const changed = await get('orders', 'json', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('serves YAML with its own ETag, and leaves compression to the server', async () => {
    const zipped = await get('orders', 'json', { 'accept-encoding': 'br, gzip' });
    // Next compresses route responses: a body gzipped here would reach the browser gzipped twice.
    expect(zipped.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    expect(JSON.parse(await zipped.text())).toEqual(JSON.parse(doc('Orders')));

    const y = await get('orders', 'yaml');
    expect(y.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(yaml.load(await y.text())).toEqual(JSON.parse(doc('Orders')));
    expect(y.headers.get('etag')).not.toBe(zipped.headers.get('etag'));
    expect((await get('orders', 'yaml', { 'if-none-match': y.headers.get('etag')! })).status).toBe(304);
  });

  it('serves a kept version with ?version=N, as the product page’s changelog shows it', async () => {
    await updateProduct(db, admin, 'orders', { openapi: doc('Orders, second edition') });
    const at = (v: string, format: 'json' | 'yaml' = 'json') =>
      documentResponse(db, 'orders', format, new Request(`http://portal.test/apis/orders/openapi.${format}?version=${v}`));
    const first = await at('1');
    expect(first.status).toBe(200);
    expect(JSON.parse(await first.text())).toEqual(JSON.parse(doc('Orders')));
    expect(first.headers.get('etag')).toMatch(/-v1-json"$/);
    expect(yaml.load(await (await at('2', 'yaml')).text())).toEqual(JSON.parse(doc('Orders, second edition')));
    expect(JSON.parse(await (await get('orders', 'json')).text())).toEqual(JSON.parse(doc('Orders, second edition')));
    await expect(at('9')).rejects.toMatchObject({ code: 'not_found' });
    await expect(at('one')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers 404 for a product that does not exist', async () => {
    await expect(get('nope', 'json')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe("the product page's app menus", () => {
  it('lists the apps the user can reach, marking those subscribed to this product', async () => {
    const dev = await addPortalUser(db, 'dev@example.com');
    const subscribed = await createApplication(db, idp, dev, { name: 'Subscribed', description: '' });
    await createApplication(db, idp, dev, { name: 'Not subscribed', description: '' });
    await subscribe(db, idp, dev, subscribed.id, 'orders');
    const orders = await db.apiProduct.findUniqueOrThrow({ where: { slug: 'orders' } });
    const choices = await appChoices(db, dev.id, orders.id);
    expect(choices.map((c) => [c.name, c.subscribed]).sort()).toEqual([
      ['Not subscribed', false],
      ['Subscribed', true],
    ]);
    expect(await appChoices(db, admin.id, orders.id)).toEqual([]);
  });
});
