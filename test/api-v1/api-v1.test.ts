import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken, hashAccessToken } from '@/lib/access-tokens/tokens';
import { V1_ROUTES } from '@/lib/api-v1/route-table';
import { TOKEN_SCOPES, type TokenScope } from '@/lib/access-tokens/scopes';
import { checkOpenApi } from '@/lib/products/openapi';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';
import { startV1Server, type V1Server } from '../helpers/v1-server';

// /api/v1 as a pipeline uses it, over real HTTP, a real database and the
// embedded IdP: bearer tokens and their scopes (∩ the owner's rights),
// cursor pages, Idempotency-Key, publishing from YAML with a changelog, and
// deprecation. Every response is validated against /api/v1/openapi.json.

let idp: RunningIdp;
let api: V1Server;
let admin: { id: string; email: string };
let consumer: { id: string; email: string };
let adminToken: string;
let consumerToken: string;

const ALL: TokenScope[] = [...TOKEN_SCOPES];

async function token(
  owner: { id: string; email: string },
  scopes: TokenScope[],
  kind: 'personal' | 'service' = 'personal',
  expiresInDays = 30,
) {
  return (await createAccessToken(idp.testDb.db, owner, kind, { name: `t-${scopes.length}`, scopes, expiresInDays })).token;
}

function call(method: string, path: string, t: string | undefined, body?: string, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${path}`, {
    method,
    headers: { ...(t && { authorization: `Bearer ${t}` }), ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    body,
  });
}

const TRACKS_YAML = (extra = '') => `openapi: 3.0.3
info:
  title: Tracks API
  version: 1.0.0
  description: Learning tracks.
paths:
  /tracks:
    get:
      summary: List tracks
      parameters:
        - name: level
          in: query
          schema:
            type: string
            enum: [beginner, advanced]
      responses:
        '200':
          description: OK
  /tracks/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: OK
${extra}`;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  admin = await addPortalUser(idp.testDb.db, 'ada@example.com', true);
  consumer = await addPortalUser(idp.testDb.db, 'dev@example.com');
  adminToken = await token(admin, ALL, 'service');
  consumerToken = await token(consumer, ['products:read', 'apps:read', 'apps:write']);
  api = await startV1Server(idp.testDb.db, idp.adapter);
}, 60_000);
afterAll(async () => {
  await api?.stop();
  await idp?.stop();
});

describe('access tokens', () => {
  it('are lyd_ tokens stored only as a SHA-256', async () => {
    expect(adminToken).toMatch(/^lyd_[A-Za-z0-9_-]{43}$/);
    const rows = await idp.testDb.db.accessToken.findMany();
    expect(rows.some((r) => r.tokenHash === hashAccessToken(adminToken))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(adminToken.slice(4));
    expect(rows.find((r) => r.tokenHash === hashAccessToken(adminToken))?.prefix).toBe(adminToken.slice(0, 8));
  });

  it('answer 401 in the one error shape without a token, with a made-up one, expired or revoked', async () => {
    const none = await call('GET', '/api/v1/products', undefined);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await none.json()).error.code).toBe('unauthenticated');
    expect((await call('GET', '/api/v1/products', `lyd_${'a'.repeat(43)}`)).status).toBe(401);

    const expiring = await token(consumer, ['products:read'], 'personal', 1);
    expect((await call('GET', '/api/v1/products', expiring)).status).toBe(200);
    await idp.testDb.db.accessToken.update({
      where: { tokenHash: hashAccessToken(expiring) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call('GET', '/api/v1/products', expiring)).status).toBe(401);

    const revoked = await token(consumer, ['products:read']);
    await idp.testDb.db.accessToken.update({ where: { tokenHash: hashAccessToken(revoked) }, data: { revokedAt: new Date() } });
    expect((await call('GET', '/api/v1/products', revoked)).status).toBe(401);
  });

  it('ignore the session cookie: a cookie alone is 401', async () => {
    const res = await fetch(`${api.url}/api/v1/apps`, { headers: { cookie: 'next-auth.session-token=whatever' } });
    expect(res.status).toBe(401);
  });

  it('cannot be created with scopes the owner cannot use, and require an expiry of at most a year', async () => {
    await expect(
      createAccessToken(idp.testDb.db, consumer, 'personal', { name: 'x', scopes: ['products:write'], expiresInDays: 30 }),
    ).rejects.toThrow(/cannot use products:write/);
    await expect(
      createAccessToken(idp.testDb.db, consumer, 'service', { name: 'x', scopes: ['apps:read'], expiresInDays: 30 }),
    ).rejects.toThrow(/Only portal admins/);
    await expect(createAccessToken(idp.testDb.db, consumer, 'personal', { name: 'x', scopes: ['apps:read'] })).rejects.toThrow();
    await expect(
      createAccessToken(idp.testDb.db, consumer, 'personal', { name: 'x', scopes: ['apps:read'], expiresInDays: 400 }),
    ).rejects.toThrow();
  });

  it('lose power at once when the owner is demoted or disabled, and record last use', async () => {
    const boss = await addPortalUser(idp.testDb.db, 'boss@example.com', true);
    const t = await token(boss, ['products:read', 'audit:read']);
    expect((await call('GET', '/api/v1/audit', t)).status).toBe(200);
    const row = await idp.testDb.db.accessToken.findUnique({ where: { tokenHash: hashAccessToken(t) } });
    expect(row?.lastUsedAt).not.toBeNull();

    await idp.testDb.db.user.update({ where: { id: boss.id }, data: { isAdmin: false } });
    const demoted = await call('GET', '/api/v1/audit', t);
    expect(demoted.status).toBe(403);
    expect((await demoted.json()).error.message).toMatch(/audit:read/);
    expect((await call('GET', '/api/v1/products', t)).status).toBe(200);

    await idp.testDb.db.idpUser.create({ data: { id: 'boss', email: boss.email, name: 'Boss', passwordHash: '', disabledAt: new Date() } });
    expect((await call('GET', '/api/v1/products', t)).status).toBe(403);
  });

  it('audit creation and denied writes', async () => {
    const created = await idp.testDb.db.auditEvent.findMany({ where: { action: 'token.create' } });
    expect(created.length).toBeGreaterThan(2);
    expect(JSON.stringify(created)).not.toContain(adminToken);
    const denied = await call('POST', '/api/v1/products?id=nope', consumerToken, TRACKS_YAML());
    expect(denied.status).toBe(403);
    const entry = await idp.testDb.db.auditEvent.findFirst({ where: { action: 'api.denied', actorEmail: consumer.email } });
    expect(entry?.targetId).toBe('POST /api/v1/products');
  });
});

describe('scope enforcement', () => {
  const scoped = Object.entries(V1_ROUTES).flatMap(([p, methods]) =>
    Object.entries(methods)
      .filter(([, r]) => r.scope)
      .map(([m, r]) => [m, p, r.scope!] as const),
  );
  it.each(scoped)('%s %s needs %s', async (method, routePath, scope) => {
    const others = ALL.filter((s) => s !== scope);
    const t = await token(admin, others);
    const path = routePath.replace(/\[\w+\]/g, '1');
    const res = await call(method, path, t, method === 'GET' || method === 'DELETE' ? undefined : '{}');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('the drift report needs an admin owner even with products:read', async () => {
    expect((await call('GET', '/api/v1/drift', consumerToken)).status).toBe(403);
    expect((await call('GET', '/api/v1/drift', adminToken)).status).toBe(200);
  });
});

describe('products', () => {
  it('publishes from a YAML body, with the document’s title and description', async () => {
    const res = await call('POST', '/api/v1/products?id=tracks', adminToken, TRACKS_YAML(), { 'content-type': 'application/yaml' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.product).toMatchObject({
      id: 'tracks',
      name: 'Tracks API',
      description: 'Learning tracks.',
      operationCount: 2,
      deprecated: false,
    });
    expect(body.version).toMatchObject({ number: 1, version: '1.0.0', breaking: false });
    expect((await idp.adapter.listApiProducts()).map((p) => p.id)).toContain('tracks');
  });

  it('refuses a document that is not OpenAPI 3 with a 400 naming the problem', async () => {
    const res = await call('POST', '/api/v1/products?id=broken', adminToken, 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Swagger 2.0/);
  });

  it('republishing keeps the old version and computes the changelog, breaking changes included', async () => {
    const next = TRACKS_YAML(`  /tracks/{id}/modules:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: OK
`)
      .replace('enum: [beginner, advanced]', 'enum: [beginner]')
      .replace('version: 1.0.0', 'version: 1.1.0');
    const res = await call('PUT', '/api/v1/products/tracks/openapi', adminToken, next, { 'content-type': 'application/yaml' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.product.version).toBe('1.1.0');
    expect(body.version.number).toBe(2);
    expect(body.version.changes.added).toEqual([{ method: 'GET', path: '/tracks/{id}/modules' }]);
    expect(body.version.breaking).toBe(true);
    expect(body.version.changes.breaking).toEqual([
      expect.objectContaining({ kind: 'enum_narrowed', method: 'GET', path: '/tracks', detail: expect.stringContaining('"advanced"') }),
    ]);

    const same = await call('PUT', '/api/v1/products/tracks/openapi', adminToken, next);
    expect((await same.json()).version).toBeNull();

    const versions = await (await call('GET', '/api/v1/products/tracks/versions', consumerToken)).json();
    expect(versions.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const v1 = await (await call('GET', '/api/v1/products/tracks/versions/1', consumerToken)).json();
    expect(Object.keys(v1.openapi.paths)).toEqual(['/tracks', '/tracks/{id}']);
    expect((await call('GET', '/api/v1/products/tracks/versions/9', consumerToken)).status).toBe(404);
  });

  it('deprecates with a sunset date, refusing a date in the past', async () => {
    const bad = await call('PUT', '/api/v1/products/tracks/deprecation', adminToken, JSON.stringify({ sunset: '2020-01-01' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.sunset).toBeDefined();
    const res = await call('PUT', '/api/v1/products/tracks/deprecation', adminToken, JSON.stringify({ sunset: '2030-06-30' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ deprecated: true, sunset: '2030-06-30' });
    const got = await (await call('GET', '/api/v1/products/tracks', consumerToken)).json();
    expect(got.sunset).toBe('2030-06-30');
  });

  it('pages with a cursor and refuses a forged one', async () => {
    for (const id of ['p-a', 'p-b', 'p-c']) await publishProduct(idp.testDb.db, idp.adapter, id);
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await call('GET', `/api/v1/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`, consumerToken);
      const body = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['p-a', 'p-b', 'p-c', 'tracks']);
    expect((await call('GET', '/api/v1/products?cursor=!!', consumerToken)).status).toBe(400);
    expect((await call('GET', '/api/v1/products?limit=0', consumerToken)).status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response of a create, and refuses the key for another body', async () => {
    const body = JSON.stringify({ name: 'CI app' });
    const first = await call('POST', '/api/v1/apps', consumerToken, body, { 'idempotency-key': 'run-42' });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created.clientSecret).toBeTruthy();
    const again = await call('POST', '/api/v1/apps', consumerToken, body, { 'idempotency-key': 'run-42' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.json()).toEqual(created);
    expect(await idp.testDb.db.application.count({ where: { name: 'CI app' } })).toBe(1);

    const other = await call('POST', '/api/v1/apps', consumerToken, JSON.stringify({ name: 'Other' }), { 'idempotency-key': 'run-42' });
    expect(other.status).toBe(422);
    // Keys are per owner: another owner's same key is a new request.
    const theirs = await call('POST', '/api/v1/apps', adminToken, body, { 'idempotency-key': 'run-42' });
    expect(theirs.status).toBe(201);
    expect((await theirs.json()).id).not.toBe(created.id);
  });

  it('a retried publish does not publish twice', async () => {
    const doc = TRACKS_YAML().replace('Tracks API', 'Weather API');
    const a = await call('POST', '/api/v1/products?id=weather', adminToken, doc, { 'idempotency-key': 'pub-1' });
    const b = await call('POST', '/api/v1/products?id=weather', adminToken, doc, { 'idempotency-key': 'pub-1' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await b.json()).toEqual(await a.json());
    const c = await call('POST', '/api/v1/products?id=weather', adminToken, doc);
    expect(c.status).toBe(400);
  });
});

describe('apps, subscriptions, audit and drift', () => {
  it('lists only the owner’s apps', async () => {
    const mine = await (await call('GET', '/api/v1/apps', consumerToken)).json();
    expect(mine.items.map((a: { name: string }) => a.name)).toEqual(['CI app']);
    const theirs = await idp.testDb.db.application.findFirstOrThrow({ where: { ownerUserId: admin.id } });
    expect((await call('GET', `/api/v1/apps/${theirs.id}`, consumerToken)).status).toBe(404);
    expect((await call('GET', `/api/v1/apps/${mine.items[0].id}`, consumerToken)).status).toBe(200);
  });

  it('approves and rejects pending subscriptions', async () => {
    const app = await idp.testDb.db.application.findFirstOrThrow({ where: { name: 'CI app' } });
    const gated = await publishProduct(idp.testDb.db, idp.adapter, 'gated', { approvalRequired: true });
    const sub = await idp.testDb.db.subscription.create({
      data: { applicationId: app.id, productId: gated.id, status: 'pending', requestedById: consumer.id },
    });
    const pending = await (await call('GET', '/api/v1/subscriptions?status=pending', adminToken)).json();
    expect(pending.items.map((s: { id: string }) => s.id)).toEqual([sub.id]);
    const noReason = await call('POST', `/api/v1/subscriptions/${sub.id}/reject`, adminToken, '{}');
    expect(noReason.status).toBe(400);
    const approved = await call('POST', `/api/v1/subscriptions/${sub.id}/approve`, adminToken, '{}');
    expect(approved.status).toBe(200);
    expect((await approved.json()).status).toBe('approved');
  });

  it('reads the audit log newest first, and the drift report and a reconcile dry run', async () => {
    const audit = await (await call('GET', '/api/v1/audit?limit=3', adminToken)).json();
    expect(audit.items).toHaveLength(3);
    expect(audit.nextCursor).toBeTruthy();
    expect(audit.items[0].at >= audit.items[2].at).toBe(true);
    const drift = await (await call('GET', '/api/v1/drift', adminToken)).json();
    expect(typeof drift.clean).toBe('boolean');
    const dry = await (await call('POST', '/api/v1/drift/reconcile', adminToken, '{}')).json();
    expect(dry.dryRun).toBe(true);
  });
});

describe('the OpenAPI document', () => {
  it('is served without a token and is a valid OpenAPI document', async () => {
    const res = await fetch(`${api.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.text();
    const checked = await checkOpenApi(doc);
    expect(checked.title).toBe('Lanyard API');
  });

  it('describes every response the tests above got', () => {
    expect(api.checked).toBeGreaterThan(40);
    expect(api.violations).toEqual([]);
  });
});
