import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLimits } from '@/lib/plans/limits-export';
import { recentProducts } from '@/lib/products/catalog';
import { getProductBySlug } from '@/lib/products/get-product';
import { updateProduct } from '@/lib/products/update-product';
import { deprecateProduct, listVersions, undeprecateProduct } from '@/lib/versions/versions';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// Versions and deprecation as a subscriber notices them: a breaking version
// and a deprecation reach the people whose apps use the product (and nobody
// else), and the data path's limits export carries the deprecation notice.

let idp: RunningIdp;
let admin: { id: string; email: string };
let subscriber: { id: string; email: string };
let bystander: { id: string; email: string };

const doc = (paths: Record<string, unknown>) => JSON.stringify({ openapi: '3.0.3', info: { title: 'Weather', version: '2.0.0' }, paths });
const ok = { responses: { '200': { description: 'OK' } } };

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  const db = idp.testDb.db;
  admin = await addPortalUser(db, 'ada@example.com', true);
  subscriber = await addPortalUser(db, 'dev@example.com');
  bystander = await addPortalUser(db, 'other@example.com');
  const product = await publishProduct(db, idp.adapter, 'weather');
  await db.apiProduct.update({ where: { id: product.id }, data: { openapi: doc({ '/now': { get: ok }, '/week': { get: ok } }) } });
  const app = await db.application.create({
    data: { name: 'Forecast app', ownerUserId: subscriber.id, idp: 'embedded', createdById: subscriber.id, clientId: 'c-1' },
  });
  await db.subscription.create({
    data: { applicationId: app.id, productId: product.id, status: 'approved', requestedById: subscriber.id },
  });
  const other = await db.application.create({
    data: { name: 'Pending app', ownerUserId: bystander.id, idp: 'embedded', createdById: bystander.id },
  });
  await db.subscription.create({
    data: { applicationId: other.id, productId: product.id, status: 'pending', requestedById: bystander.id },
  });
});
afterAll(async () => {
  await idp?.stop();
});

const inbox = (userId: string) => idp.testDb.db.notification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });

describe('product versions', () => {
  it('a new document keeps the old one as version 1 and tells subscribers what broke', async () => {
    await updateProduct(idp.testDb.db, admin, 'weather', { openapi: doc({ '/now': { get: ok } }) });
    const versions = await listVersions(idp.testDb.db, 'weather');
    expect(versions.map((v) => [v.number, v.breaking])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[0]?.changes.removed).toEqual([{ method: 'GET', path: '/week' }]);
    const [note] = await inbox(subscriber.id);
    expect(note).toMatchObject({ event: 'product.changed', link: '/apis/weather?version=2' });
    expect(note?.body).toContain('GET /week was removed');
    expect(await inbox(bystander.id)).toEqual([]);
  });

  it('a change to other fields makes no version', async () => {
    await updateProduct(idp.testDb.db, admin, 'weather', { description: 'Now with more sun' });
    expect((await listVersions(idp.testDb.db, 'weather')).length).toBe(2);
  });

  it('deprecation tells subscribers the sunset and reaches the data path as a notice', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    await deprecateProduct(idp.testDb.db, admin, 'weather', '2027-06-30', now);
    const notes = await inbox(subscriber.id);
    expect(notes.at(-1)).toMatchObject({ event: 'product.deprecated', title: 'weather API is deprecated and ends on 2027-06-30' });
    const exported = await exportLimits(idp.testDb.db);
    expect(exported.notices).toEqual([
      { productId: 'weather', deprecatedAt: Math.floor(now.getTime() / 1000), sunset: '2027-06-30T00:00:00.000Z' },
    ]);
    // The product page and the catalog card show the sunset day.
    expect((await getProductBySlug(idp.testDb.db, 'weather'))?.sunset).toBe('2027-06-30');
    expect((await recentProducts(idp.testDb.db)).find((p) => p.apiProductId === 'weather')?.sunset).toBe('2027-06-30');
    const before = exported.version;
    await undeprecateProduct(idp.testDb.db, admin, 'weather');
    expect((await getProductBySlug(idp.testDb.db, 'weather'))?.sunset).toBeUndefined();
    const after = await exportLimits(idp.testDb.db);
    expect(after.notices).toEqual([]);
    expect(after.version).not.toBe(before);
  });

  it('refuses a sunset that is not a future day', async () => {
    for (const day of ['2026-02-30', '30.06.2027', '2020-01-01'])
      await expect(deprecateProduct(idp.testDb.db, admin, 'weather', day)).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('the sunset watch', () => {
  it('tells subscribers once when a sunset date has come, and again when the date moves', async () => {
    const { announceSunsets } = await import('@/lib/versions/sunset-watch');
    const db = idp.testDb.db;
    await deprecateProduct(db, admin, 'weather', '2027-06-30', new Date('2026-12-02T12:00:00Z'));
    expect(await announceSunsets(db, new Date('2027-06-29T23:59:59Z'))).toEqual([]);
    expect(await announceSunsets(db, new Date('2027-06-30T00:00:01Z'))).toEqual(['weather']);
    expect(await announceSunsets(db, new Date('2027-07-01T00:00:00Z'))).toEqual([]);
    expect((await inbox(subscriber.id)).filter((n) => n.event === 'product.sunset')).toHaveLength(1);
    expect((await inbox(bystander.id)).filter((n) => n.event === 'product.sunset')).toHaveLength(0);
    await deprecateProduct(db, admin, 'weather', '2027-09-30', new Date('2027-07-01T00:00:00Z'));
    expect(await announceSunsets(db, new Date('2027-10-01T00:00:00Z'))).toEqual(['weather']);
  });
});
