import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import { deleteApplication, updateApplication } from '@/lib/apps/manage-app';
import { retireSecret, rotateSecret } from '@/lib/apps/secrets';
import { DomainError } from '@/lib/errors';
import { IdpError } from '@/lib/idp/errors';
import type { IdpAdapter, IdpDiscovery } from '@/lib/idp/types';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';
import { subscribe, unsubscribe } from '@/lib/subscriptions/subscribe';
import { fetchTokenForApp } from '@/lib/token-tool/fetch-token';
import { introspectToken, revokeToken } from '@/lib/token-tool/token-actions';
import type { AdapterHarness, HarnessFactory } from '../helpers/adapter-harness';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { clientCredentials } from '../helpers/token-request';

// The consumer flows (docs/architecture.md, "Flows") on the server side, for every IdP adapter: the portal's
// domain layer (lib/) against the embedded IdP and the cloud stand-ins. The
// browser journey (e2e/consumer-journey.spec.ts) covers the same on embedded.

const factories = Object.values(import.meta.glob<{ harness: HarnessFactory }>('../helpers/harness/*.ts', { eager: true })).map(
  (m) => m.harness,
);

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe.each(factories)('consumer journey on $kind', (factory) => {
  let h: AdapterHarness;
  let idp: IdpAdapter;
  let portal: TestDb;
  let discovery: IdpDiscovery;
  let dev: { id: string; email: string };
  let other: { id: string; email: string };
  let admin: { id: string; email: string };
  let app: { id: string; clientId: string; clientSecret?: string };

  const scopesIn = async (accessToken: string) => {
    const { payload } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(discovery.jwksUri)), { issuer: discovery.issuer });
    const raw = payload[discovery.scopeClaim];
    return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(' ')).filter(Boolean).sort();
  };
  const fetchToken = (apiProductId?: string, secret = app.clientSecret!) =>
    fetchTokenForApp(portal.db, idp, dev, app.id, { apiProductId, clientSecret: secret });

  beforeAll(async () => {
    h = await factory.start();
    idp = h.adapter;
    discovery = await idp.discovery();
    portal = await createTestDb();
    dev = await addPortalUser(portal.db, 'dev@example.com');
    other = await addPortalUser(portal.db, 'other@example.com');
    admin = await addPortalUser(portal.db, 'admin@example.com', true);
    await publishProduct(portal.db, idp, 'tracks');
    await publishProduct(portal.db, idp, 'petstore');
    await publishProduct(portal.db, idp, 'premium', { approvalRequired: true });
  });
  afterAll(async () => {
    await h?.stop();
    await portal?.cleanup();
  });

  it('creates an app whose secret is returned once and stored only as a hint', async () => {
    app = await createApplication(portal.db, idp, dev, { name: 'Route planner', description: 'demo' });
    expect(app.clientSecret!.length).toBeGreaterThanOrEqual(20);
    const detail = await getApplicationDetail(portal.db, idp, dev, app.id);
    expect(detail.credentials.clientId).toBe(app.clientId);
    expect(detail.credentials.secrets).toEqual([expect.objectContaining({ hint: app.clientSecret!.slice(-4) })]);
    expect(JSON.stringify(await portal.db.application.findMany({ include: { secrets: true } }))).not.toContain(app.clientSecret!);
    expect((await idp.getClient(app.clientId)).scopes).toEqual([]);
  });

  it('refuses a token before any subscription, with a reason', async () => {
    const err = await rejection(fetchToken());
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toMatch(/Subscribe/);
  });

  it('subscribe to tracks: the token carries tracks and not petstore', async () => {
    const sub = await subscribe(portal.db, idp, dev, app.id, 'tracks');
    expect(sub.status).toBe('approved');
    const token = await fetchToken();
    const scopes = await scopesIn(token.accessToken);
    expect(scopes).toEqual([idp.scopeFor('tracks')]);
    expect(scopes).not.toContain(idp.scopeFor('petstore'));
    expect(token.expiresAt && Date.parse(token.expiresAt)).toBeGreaterThan(Date.now());
    expect(await rejection(fetchToken('petstore'))).toBeInstanceOf(DomainError);
    expect((await rejection(subscribe(portal.db, idp, dev, app.id, 'tracks'))) as DomainError).toMatchObject({ code: 'conflict' });
  });

  it('a product that needs approval waits, then the approval grants its scope', async () => {
    const pending = await subscribe(portal.db, idp, dev, app.id, 'premium');
    expect(pending.status).toBe('pending');
    expect((await idp.getClient(app.clientId)).scopes).toEqual([idp.scopeFor('tracks')]);
    await decideSubscription(portal.db, idp, admin, pending.id, { approve: true, reason: 'Contract signed' });
    expect((await idp.getClient(app.clientId)).scopes.sort()).toEqual([idp.scopeFor('premium'), idp.scopeFor('tracks')].sort());
    const detail = await getApplicationDetail(portal.db, idp, dev, app.id);
    expect(detail.subscriptions.find((s) => s.product.apiProductId === 'premium')).toMatchObject({
      status: 'approved',
      reason: 'Contract signed',
    });
  });

  it('another user reaches none of it: every operation answers 404', async () => {
    const sub = (await portal.db.subscription.findFirstOrThrow({ where: { applicationId: app.id } })).id;
    const secret = (await portal.db.clientSecret.findFirstOrThrow({ where: { applicationId: app.id } })).id;
    const attempts = [
      getApplicationDetail(portal.db, idp, other, app.id),
      updateApplication(portal.db, idp, other, app.id, { name: 'mine now' }),
      subscribe(portal.db, idp, other, app.id, 'petstore'),
      unsubscribe(portal.db, idp, other, app.id, sub),
      rotateSecret(portal.db, idp, other, app.id),
      retireSecret(portal.db, idp, other, app.id, secret),
      fetchTokenForApp(portal.db, idp, other, app.id, { clientSecret: app.clientSecret! }),
      introspectToken(portal.db, idp, other, app.id, { token: 'x.y.z', clientSecret: app.clientSecret! }),
      revokeToken(portal.db, idp, other, app.id, { token: 'x.y.z', clientSecret: app.clientSecret! }),
      deleteApplication(portal.db, idp, other, app.id),
    ].map(rejection); // a handler on each at once: on PostgreSQL they settle in parallel
    for (const attempt of attempts) expect(await attempt).toMatchObject({ code: 'not_found' });
    expect((await getApplicationDetail(portal.db, idp, dev, app.id)).name).toBe('Route planner');
  });

  it('unsubscribe: a new token lacks tracks', async () => {
    const sub = await portal.db.subscription.findFirstOrThrow({ where: { applicationId: app.id, product: { apiProductId: 'tracks' } } });
    await unsubscribe(portal.db, idp, dev, app.id, sub.id);
    expect((await idp.getClient(app.clientId)).scopes).toEqual([idp.scopeFor('premium')]);
    expect(await scopesIn((await fetchToken()).accessToken)).toEqual([idp.scopeFor('premium')]);
    const refused = await clientCredentials(
      discovery.tokenEndpoint,
      { id: app.clientId, secret: app.clientSecret! },
      { scope: idp.scopeFor('tracks') },
    );
    expect(h.refusedScopeErrors).toContain(refused.body.error);
  });

  it('rotate: old and new secrets both work until the old one is retired', async (ctx) => {
    if (discovery.secretRotation !== 'dual') ctx.skip();
    const rotated = await rotateSecret(portal.db, idp, dev, app.id);
    expect(await scopesIn((await fetchToken()).accessToken)).toEqual([idp.scopeFor('premium')]);
    expect(await scopesIn((await fetchToken(undefined, rotated.clientSecret)).accessToken)).toEqual([idp.scopeFor('premium')]);
    expect((await rejection(rotateSecret(portal.db, idp, dev, app.id))) as DomainError).toMatchObject({ code: 'conflict' });
    const old = await portal.db.clientSecret.findFirstOrThrow({ where: { applicationId: app.id, NOT: { id: rotated.id } } });
    await retireSecret(portal.db, idp, dev, app.id, old.id);
    expect(((await rejection(fetchToken())) as DomainError).message).toMatch(/invalid_client/);
    app = { ...app, clientSecret: rotated.clientSecret };
    expect(await scopesIn((await fetchToken()).accessToken)).toEqual([idp.scopeFor('premium')]);
  });

  it('an IdP failure half-way leaves nothing behind on either side', async () => {
    const failing: IdpAdapter = Object.assign(Object.create(idp) as IdpAdapter, {
      setClientApiProducts: () => Promise.reject(new IdpError('unavailable', 'throttled', { retryAfterSeconds: 2 })),
    });
    expect(await rejection(subscribe(portal.db, failing, dev, app.id, 'petstore'))).toMatchObject({ code: 'unavailable' });
    expect(await portal.db.subscription.count({ where: { applicationId: app.id, product: { apiProductId: 'petstore' } } })).toBe(0);
    const audit = await portal.db.auditEvent.findFirstOrThrow({ where: { action: 'subscription.create', outcome: 'failure' } });
    expect(audit.detail).toContain('throttled');

    // The IdP client is made, then the portal's record cannot be written:
    // the client is deleted again.
    let orphan = '';
    const clashing: IdpAdapter = Object.assign(Object.create(idp) as IdpAdapter, {
      createAppClient: async (input: Parameters<IdpAdapter['createAppClient']>[0]) => {
        const created = await idp.createAppClient(input);
        orphan = created.clientId;
        await portal.db.application.create({ data: { name: 'squatter', idp: idp.kind, clientId: created.clientId, createdById: dev.id } });
        return created;
      },
    });
    expect(await rejection(createApplication(portal.db, clashing, dev, { name: 'Will fail', description: '' }))).toBeTruthy();
    expect((await rejection(idp.getClient(orphan))) as IdpError).toMatchObject({ code: 'not_found' });
    expect(await portal.db.application.count({ where: { name: 'Will fail' } })).toBe(0);
  });

  it('delete: the client is gone from the IdP and no token is issued', async () => {
    await deleteApplication(portal.db, idp, dev, app.id);
    expect((await rejection(idp.getClient(app.clientId))) as IdpError).toMatchObject({ code: 'not_found' });
    const res = await clientCredentials(
      discovery.tokenEndpoint,
      { id: app.clientId, secret: app.clientSecret! },
      { scope: idp.scopeFor('premium') },
    );
    expect(res.body.error).toBe('invalid_client');
    expect(await portal.db.application.count({ where: { id: app.id } })).toBe(0);
    expect(await portal.db.subscription.count({ where: { applicationId: app.id } })).toBe(0);
  });
});
