import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import { retireSecret, rotateSecret } from '@/lib/apps/secrets';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Db } from '@/lib/db';
import { actionsTable, reconcileReport } from '@/lib/drift/format';
import { planReconcile, reconcile } from '@/lib/drift/reconcile';
import { computeDrift } from '@/lib/drift/report';
import { scopesView } from '@/lib/drift/scopes-view';
import { IdpError } from '@/lib/idp/errors';
import type { IdpAdapter, IdpDiscovery } from '@/lib/idp/types';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';
import { clientCredentials } from '../helpers/token-request';

// The drift report and reconcile against the real embedded IdP: every kind
// of disagreement is made behind the portal's back (through the adapter, as
// an operator in the IdP's console would), reported, planned by a dry run
// that changes nothing, and fixed by reconcile, with each action audited.

let running: RunningIdp;
let db: Db;
let idp: IdpAdapter;
let discovery: IdpDiscovery;
let dev: { id: string; email: string };
let admin: { id: string; email: string };
const apps: Record<string, { id: string; clientId: string; clientSecret?: string }> = {};

beforeAll(async () => {
  running = await startEmbeddedIdp();
  db = running.testDb.db;
  idp = running.adapter;
  discovery = await idp.discovery();
  dev = await addPortalUser(db, 'dev@example.com');
  admin = await addPortalUser(db, 'admin@example.com', true);
  await publishProduct(db, idp, 'tracks');
  await publishProduct(db, idp, 'petstore');
  await publishProduct(db, idp, 'premium', { approvalRequired: true });
  for (const name of ['Lost', 'Greedy', 'Fine']) apps[name] = await createApplication(db, idp, dev, { name, description: '' });
  await subscribe(db, idp, dev, apps.Lost!.id, 'tracks');
  const pending = await subscribe(db, idp, dev, apps.Lost!.id, 'premium');
  await decideSubscription(db, idp, admin, pending.id, { approve: true, reason: 'ok' });
  await subscribe(db, idp, dev, apps.Greedy!.id, 'tracks');
  await subscribe(db, idp, dev, apps.Fine!.id, 'petstore');
});
afterAll(async () => {
  await running?.stop();
});

describe('drift report', () => {
  it('is clean when the portal and the IdP agree', async () => {
    const report = await computeDrift(db, idp);
    expect(report).toMatchObject({ clean: true, issues: 0, idp: 'embedded' });
    expect(planReconcile(report)).toEqual([]);
  });

  it('reports every kind of disagreement, and leaves what the SPI made alone', async () => {
    // Behind the portal's back, in the IdP:
    await idp.deleteClient(apps.Lost!.clientId); // an app's client is gone
    const orphan = await idp.createClient({ appId: randomUUID() }); // a client no app uses
    await idp.setClientApiProducts(apps.Greedy!.clientId, ['tracks', 'premium']); // a scope nobody approved
    await idp.deleteApiProduct('petstore'); // a published product's scope is gone (and Fine's grant with it)
    await idp.createApiProduct({ id: 'legacy', description: 'Old API' }); // a scope the portal does not publish
    // ...and what automation made through the SPI over HTTP, which the audit log records:
    const spiClient = await idp.createClient({ appId: 'gloo-app-1' });
    await recordAuditEvent(db, {
      actor: { email: 'spi-caller' },
      action: 'spi.application.create',
      target: { type: 'application', id: 'gloo-app-1' },
      outcome: 'success',
      detail: { clientId: spiClient.clientId },
    });
    await idp.createApiProduct({ id: 'gloo-product' });
    await recordAuditEvent(db, {
      actor: { email: 'spi-caller' },
      action: 'spi.api_product.create',
      target: { type: 'api_product', id: 'gloo-product' },
      outcome: 'success',
    });

    const report = await computeDrift(db, idp);
    expect(report.clean).toBe(false);
    expect(report.missingClients).toEqual([
      {
        appId: apps.Lost!.id,
        appName: 'Lost',
        owner: 'dev@example.com',
        clientId: apps.Lost!.clientId,
        idp: 'embedded',
        approvedProducts: ['premium', 'tracks'],
      },
    ]);
    expect(report.orphanClients).toEqual([
      expect.objectContaining({ clientId: orphan.clientId, clientName: orphan.clientName, scopes: [] }),
    ]);
    expect(report.scopeDrift.map((d) => [d.appName, d.missing, d.extra])).toEqual([
      ['Greedy', [], ['premium']],
      ['Fine', ['petstore'], []],
    ]);
    expect(report.productsMissingInIdp.map((p) => p.apiProductId)).toEqual(['petstore']);
    expect(report.productsMissingInPortal.map((p) => p.apiProductId)).toEqual(['legacy']);
    expect(report.spiManaged).toEqual({
      clients: [{ clientId: spiClient.clientId, clientName: 'lanyard-gloo-app-1' }],
      products: [{ apiProductId: 'gloo-product', scope: 'gloo-product' }],
    });
    expect(report.issues).toBe(6);
  });

  it('shows the same through the scopes view, read from the IdP', async () => {
    const view = await scopesView(db, idp);
    const tracks = view.rows.find((r) => r.apiProductId === 'tracks')!;
    expect(tracks.holders.map((h) => h.app?.name).sort()).toEqual(['Greedy']);
    expect(view.rows.find((r) => r.apiProductId === 'petstore')).toMatchObject({ idpScope: null, product: { name: 'petstore API' } });
    expect(view.rows.find((r) => r.apiProductId === 'legacy')).toMatchObject({ idpScope: 'legacy', product: null });
  });

  it('a dry run plans the fixes in order and changes nothing', async () => {
    const before = await computeDrift(db, idp);
    const auditBefore = await db.auditEvent.count();
    const result = await reconcile(db, idp, admin, { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.after).toBeUndefined();
    expect(result.actions.map((a) => [a.kind, a.status])).toEqual([
      ['create_product', 'planned'],
      ['delete_client', 'planned'],
      ['recreate_client', 'planned'],
      ['set_client_scopes', 'planned'],
      ['set_client_scopes', 'planned'],
      ['delete_idp_product', 'skipped'],
    ]);
    const { checkedAt: _a, ...was } = before;
    const { checkedAt: _b, ...now } = await computeDrift(db, idp);
    expect(now).toEqual(was);
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect(actionsTable(result.actions)).toContain('| planned |');
    expect(reconcileReport(result)).toContain('Dry run');
  });

  it('reconcile makes the IdP match the portal and audits every action', async () => {
    const result = await reconcile(db, idp, admin, { dryRun: false });
    expect(result.ok).toBe(true);
    expect(result.actions.map((a) => [a.kind, a.status])).toEqual([
      ['create_product', 'done'],
      ['delete_client', 'done'],
      ['recreate_client', 'done'],
      ['set_client_scopes', 'done'],
      ['set_client_scopes', 'done'],
      ['delete_idp_product', 'skipped'],
    ]);
    // Only the extra IdP product is left: it is deleted only when asked.
    expect(result.after).toMatchObject({ issues: 1, productsMissingInPortal: [{ apiProductId: 'legacy' }] });
    expect(result.after!.spiManaged.clients).toHaveLength(1);

    const audited = await db.auditEvent.findMany({ where: { action: { startsWith: 'drift.' } }, orderBy: { at: 'asc' } });
    expect(audited.map((e) => [e.action, e.outcome, e.actorEmail])).toEqual([
      ['drift.create_product', 'success', 'admin@example.com'],
      ['drift.delete_client', 'success', 'admin@example.com'],
      ['drift.recreate_client', 'success', 'admin@example.com'],
      ['drift.set_client_scopes', 'success', 'admin@example.com'],
      ['drift.set_client_scopes', 'success', 'admin@example.com'],
    ]);

    expect((await idp.getClient(apps.Greedy!.clientId)).scopes).toEqual(['tracks']);
    expect((await idp.getClient(apps.Fine!.clientId)).scopes).toEqual(['petstore']);
    await expect(idp.getClient(result.before.orphanClients[0]!.clientId)).rejects.toBeInstanceOf(IdpError);
  });

  it('the recreated client holds the approved scopes; its owner rotates to get a working secret', async () => {
    const app = await db.application.findUniqueOrThrow({ where: { id: apps.Lost!.id }, include: { secrets: true } });
    expect(app.clientId).not.toBe(apps.Lost!.clientId);
    expect(app.clientName).toBe(`lanyard-${app.id}`);
    expect((await idp.getClient(app.clientId!)).scopes.sort()).toEqual(['premium', 'tracks']);
    // One secret on record (its hint only), which nobody was shown.
    expect(app.secrets).toHaveLength(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'drift.recreate_client' } });
    expect(JSON.parse(event.detail!)).toMatchObject({
      previousClientId: apps.Lost!.clientId,
      clientId: app.clientId,
      products: ['premium', 'tracks'],
    });
    expect(event.detail).not.toMatch(/secret"\s*:/i);

    // The old secret no longer works anywhere.
    const old = await clientCredentials(
      discovery.tokenEndpoint,
      { id: app.clientId!, secret: apps.Lost!.clientSecret! },
      { scope: 'tracks' },
    );
    expect(old.status).toBe(401);

    // The app page says so until the owner rotates.
    expect((await getApplicationDetail(db, idp, dev, app.id)).clientRecreatedAt).toBe(event.at.toISOString());
    const rotated = await rotateSecret(db, idp, dev, app.id);
    expect((await getApplicationDetail(db, idp, dev, app.id)).clientRecreatedAt).toBeNull();
    const token = await clientCredentials(
      discovery.tokenEndpoint,
      { id: app.clientId!, secret: rotated.clientSecret },
      { scope: 'tracks premium' },
    );
    expect(token.status).toBe(200);
    const unknown = (await getApplicationDetail(db, idp, dev, app.id)).credentials.secrets.find((s) => s.id !== rotated.id)!;
    await retireSecret(db, idp, dev, app.id, unknown.id);
    expect((await db.clientSecret.findMany({ where: { applicationId: app.id } })).map((s) => s.id)).toEqual([rotated.id]);
  });

  it('deletes extra IdP products only when asked, and is then clean', async () => {
    const result = await reconcile(db, idp, admin, { dryRun: false, deleteExtraProducts: true });
    expect(result.actions.map((a) => [a.kind, a.target, a.status])).toEqual([['delete_idp_product', 'legacy', 'done']]);
    expect(result.after!.clean).toBe(true);
    expect((await idp.listApiProducts()).map((p) => p.id)).toContain('gloo-product');
  });

  it('reports a failed action with its error, carries on, and says it did not all go well', async () => {
    // A product id the IdP refuses (a space cannot be an OAuth scope) cannot be created there.
    await db.apiProduct.create({ data: { apiProductId: 'bad id', slug: 'bad-id', name: 'Bad', openapi: '{}' } });
    const orphan = await idp.createClient({ appId: randomUUID() });
    const result = await reconcile(db, idp, admin, { dryRun: false });
    expect(result.ok).toBe(false);
    expect(result.actions.map((a) => [a.kind, a.status])).toEqual([
      ['create_product', 'failed'],
      ['delete_client', 'done'],
    ]);
    expect(result.actions[0]!.error).toMatch(/API product id/);
    expect(
      await db.auditEvent.findFirst({ where: { action: 'drift.create_product', targetId: 'bad id', outcome: 'failure' } }),
    ).not.toBeNull();
    await expect(idp.getClient(orphan.clientId)).rejects.toBeInstanceOf(IdpError);
    expect(reconcileReport(result)).toContain('FAILED');
    await db.apiProduct.delete({ where: { apiProductId: 'bad id' } });
  });

  it('skips an action whose cause went away between the report and the change', async () => {
    const app = await createApplication(db, idp, dev, { name: 'Racy', description: '' });
    await idp.setClientApiProducts(app.clientId, ['tracks']);
    const report = await computeDrift(db, idp);
    expect(report.scopeDrift.map((d) => d.appName)).toEqual(['Racy']);
    // The owner subscribes before reconcile runs: the client's scopes are right again.
    await subscribe(db, idp, dev, app.id, 'tracks');
    const result = await reconcile(db, idp, admin, { dryRun: false });
    expect(result.actions).toEqual([]);
    expect(result.after!.clean).toBe(true);
  });
});
