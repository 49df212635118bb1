import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/lib/apps/create-app';
import { productGatewayPolicy } from '@/lib/gateway-policy/product-policy';
import { getAdminProduct, listAdminProducts } from '@/lib/products/admin-products';
import { deleteProduct } from '@/lib/products/delete-product';
import { slugBase } from '@/lib/products/find-product';
import { createProduct } from '@/lib/products/publish-product';
import { adminProductListQuery, productCreateSchema } from '@/lib/products/schemas';
import { updateProduct } from '@/lib/products/update-product';
import { driverOf, type Db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { IdpAdapter } from '@/lib/idp/types';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser } from '../helpers/portal-fixtures';

// Publishing, editing and deleting API products against the real embedded
// IdP, with the portal's tables in the same database as in production.

const doc = (title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title, version: '2.3.0' },
    paths: { '/forecast': { get: { summary: 'Forecast', responses: { '200': { description: 'ok' } } } } },
    ...extra,
  });

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as DomainError,
  );
}

let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let admin: { id: string; email: string };
let dev: { id: string; email: string };

beforeAll(async () => {
  running = await startEmbeddedIdp();
  db = running.testDb.db;
  idp = running.adapter;
  admin = await addPortalUser(db, 'admin@example.com', true);
  dev = await addPortalUser(db, 'dev@example.com');
});
afterAll(async () => {
  await running?.stop();
});

const input = (over: Partial<Record<string, unknown>> = {}) =>
  productCreateSchema.parse({ apiProductId: 'weather', name: 'Weather API', openapi: doc('Weather'), ...over });

describe('publishing a product', () => {
  it('creates the scope in the IdP, then the catalog row, and audits it', async () => {
    const product = await createProduct(db, idp, admin, input({ approvalRequired: true, description: 'Forecasts' }));
    expect(product).toMatchObject({ apiProductId: 'weather', slug: 'weather', scope: 'weather', version: '2.3.0', approvalRequired: true });
    expect((await idp.listApiProducts()).map((p) => p.id)).toContain('weather');
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'product.create', targetId: 'weather' } });
    expect(event).toMatchObject({ outcome: 'success', actorEmail: 'admin@example.com' });
    const [listed] = (await listAdminProducts(db, adminProductListQuery.parse({ q: 'weather' }))).items.filter(
      (p) => p.apiProductId === 'weather',
    );
    expect(listed).toMatchObject({ operationCount: 1, subscriptions: { approved: 0, pending: 0, rejected: 0 } });
  });

  it('refuses an invalid OpenAPI document inline, before touching the IdP', async () => {
    const before = (await idp.listApiProducts()).length;
    const cases = [
      ['{ not json', /not valid JSON/],
      [JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }), /Swagger 2\.0/],
      [JSON.stringify({ openapi: '3.0.3', info: { title: 'x' }, paths: {} }), /version/],
      [doc('Refs', { paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } } } }), /Missing \$ref/],
      [
        doc('External', { paths: { '/a': { get: { responses: { '200': { $ref: 'https://evil.example/r.json' } } } } } }),
        /only local references/,
      ],
    ] as const;
    for (const [text, message] of cases) {
      const err = await rejection(createProduct(db, idp, admin, input({ apiProductId: 'broken', openapi: text })));
      expect(err).toBeInstanceOf(DomainError);
      expect(err.code).toBe('invalid');
      expect(err.fields?.openapi).toMatch(message);
    }
    expect((await idp.listApiProducts()).length).toBe(before);
    expect(await db.apiProduct.findUnique({ where: { apiProductId: 'broken' } })).toBeNull();
  });

  it('accepts YAML, and takes the version from the document when none is given', async () => {
    const yaml = 'openapi: 3.1.0\ninfo:\n  title: Maps\n  version: "0.9.1"\npaths: {}\n';
    const product = await createProduct(db, idp, admin, input({ apiProductId: 'maps', name: 'Maps', openapi: yaml }));
    expect(product.version).toBe('0.9.1');
    expect(JSON.parse(product.openapi)).toMatchObject({ openapi: '3.1.0', info: { title: 'Maps' } });
  });

  it('refuses an id already published (field error) and an id the IdP already has (409)', async () => {
    const dup = await rejection(createProduct(db, idp, admin, input()));
    expect(dup.code).toBe('invalid');
    expect(dup.fields?.apiProductId).toMatch(/already exists/);
    await idp.createApiProduct({ id: 'ghost' });
    const ghost = await rejection(createProduct(db, idp, admin, input({ apiProductId: 'ghost' })));
    expect(ghost).toMatchObject({ code: 'conflict' });
    expect(ghost.message).toMatch(/drift report/);
    expect(await db.apiProduct.findUnique({ where: { apiProductId: 'ghost' } })).toBeNull();
  });

  it('removes the IdP scope again when the catalog row cannot be written', async () => {
    // The driver under the client fails the row's insert (lib/products/document-rows.ts), as a full disk or a lost connection would.
    const holder = (db as unknown as Record<symbol, { current?: unknown }>)[Symbol.for('lanyard.db.driver')]!;
    const real = await driverOf(db);
    holder.current = { ...real, executeRaw: () => Promise.reject(new Error('disk full')) };
    try {
      await expect(createProduct(db, idp, admin, input({ apiProductId: 'doomed' }))).rejects.toThrow('disk full');
    } finally {
      holder.current = real;
    }
    expect((await idp.listApiProducts()).map((p) => p.id)).not.toContain('doomed');
    expect(await db.auditEvent.findFirst({ where: { action: 'product.create', targetId: 'doomed', outcome: 'failure' } })).not.toBeNull();
  });

  it('gives URI ids a readable slug and validates ids as OAuth scopes', async () => {
    expect(slugBase('https://api.example.com/tracks')).toBe('api-example-com-tracks');
    expect(slugBase('tracks.v2')).toBe('tracks.v2');
    const product = await createProduct(db, idp, admin, input({ apiProductId: 'https://api.example.com/tracks', name: 'Tracks by URI' }));
    expect(product.slug).toBe('api-example-com-tracks');
    expect(productCreateSchema.safeParse({ apiProductId: 'has space', name: 'x', openapi: doc('x') }).error?.issues[0]?.message).toMatch(
      /^The id /,
    );
  });
});

describe('editing and deleting a product', () => {
  it('edits catalog fields, never the id, and records what changed', async () => {
    const updated = await updateProduct(db, admin, 'weather', {
      name: 'Weather API v2',
      approvalRequired: false,
      description: 'Forecasts',
    });
    expect(updated).toMatchObject({ apiProductId: 'weather', name: 'Weather API v2', approvalRequired: false });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'product.update', targetId: 'weather' },
      orderBy: { at: 'desc' },
    });
    expect(JSON.parse(event.detail!)).toMatchObject({
      changed: ['name', 'approvalRequired'],
      name: 'Weather API v2',
      approvalRequired: false,
    });
    const replaced = await updateProduct(db, admin, 'weather', {
      openapi: doc('Weather 3', { info: { title: 'Weather 3', version: '3.0.0' } }),
      version: '',
    });
    expect(replaced.version).toBe('3.0.0');
    await expect(updateProduct(db, admin, 'weather', { openapi: '{}' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('asks for confirmation when apps are subscribed, then removes the scope everywhere', async () => {
    const app = await createApplication(db, idp, dev, { name: 'Umbrella', description: '' });
    await subscribe(db, idp, dev, app.id, 'weather');
    expect((await idp.getClient(app.clientId)).scopes).toEqual(['weather']);
    expect((await getAdminProduct(db, 'weather')).subscribers).toEqual([
      expect.objectContaining({ status: 'approved', app: { id: app.id, name: 'Umbrella', owner: 'dev@example.com' } }),
    ]);

    const refused = await rejection(deleteProduct(db, idp, admin, 'weather', { confirm: false }));
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(refused.message).toMatch(/1 application is subscribed/);
    expect((await idp.listApiProducts()).map((p) => p.id)).toContain('weather');

    expect(await deleteProduct(db, idp, admin, 'weather', { confirm: true })).toEqual({ endedSubscriptions: 1 });
    expect((await idp.getClient(app.clientId)).scopes).toEqual([]);
    expect((await idp.listApiProducts()).map((p) => p.id)).not.toContain('weather');
    expect(await db.subscription.count({ where: { applicationId: app.id } })).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { action: 'product.delete', targetId: 'weather', outcome: 'success' } })).not.toBeNull();
  });

  it('deletes a product without subscriptions at once, and finishes a delete the IdP already did', async () => {
    await idp.deleteApiProduct('maps');
    expect(await deleteProduct(db, idp, admin, 'maps', { confirm: false })).toEqual({ endedSubscriptions: 0 });
    await expect(getAdminProduct(db, 'maps')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('gateway policy download', () => {
  it('serves the generated policy for the product, and maps bad options to 400', async () => {
    const bundle = await productGatewayPolicy(db, idp, { kind: 'plain' }, 'api-example-com-tracks', { namespace: 'gateways' });
    expect(bundle.fileName).toMatch(/^lanyard-.*\.yaml$/);
    expect(bundle.yaml).toContain('kind: ExtAuthPolicy');
    expect(bundle.yaml).toContain('namespace: gateways');
    expect(bundle.spec.requiredScope).toBe('https://api.example.com/tracks');
    await expect(
      productGatewayPolicy(db, idp, { kind: 'plain' }, 'api-example-com-tracks', { namespace: 'Not A Namespace' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(productGatewayPolicy(db, idp, { kind: 'plain' }, 'nope', {})).rejects.toMatchObject({ code: 'not_found' });
  });
});
