import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/lib/apps/create-app';
import { watchDrift } from '@/lib/drift/watch';
import { listNotifications, listPreferences, markRead, savePreferences, unreadCount } from '@/lib/notifications/inbox';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// The bell: a person's notifications, their unread count and their choice of
// events; and the drift watch, which tells admins about new drift once.

let idp: RunningIdp;
let admin: { id: string; email: string };
let otherAdmin: { id: string; email: string };
let owner: { id: string; email: string };

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  const db = idp.testDb.db;
  admin = await addPortalUser(db, 'admin@example.com', true);
  otherAdmin = await addPortalUser(db, 'admin2@example.com', true);
  owner = await addPortalUser(db, 'owner@example.com');
  await publishProduct(db, idp.adapter, 'tracks', { approvalRequired: true });
  await publishProduct(db, idp.adapter, 'petstore', { approvalRequired: true });
});
afterAll(() => idp.stop());

describe('the inbox', () => {
  it('each admin gets a request to approve, unread; marking one person’s read leaves the other’s', async () => {
    const db = idp.testDb.db;
    const app = await createApplication(db, idp.adapter, owner, { name: 'Radio', description: '' });
    await subscribe(db, idp.adapter, owner, app.id, 'tracks');
    const mine = await listNotifications(db, admin);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      event: 'subscription.requested',
      title: 'Radio asks for tracks API',
      link: '/admin/approvals',
      read: false,
    });
    expect(await listNotifications(db, owner)).toEqual({ unread: 0, items: [] });

    // Someone else's notification ids change nothing for them.
    expect(await markRead(db, owner, { ids: [mine.items[0]!.id] })).toBe(0);
    expect(await markRead(db, admin, { ids: [mine.items[0]!.id] })).toBe(1);
    expect(await unreadCount(db, admin)).toBe(0);
    expect(await unreadCount(db, otherAdmin)).toBe(1);
    expect(await markRead(db, otherAdmin, { all: true })).toBe(1);
    expect(await unreadCount(db, otherAdmin)).toBe(0);
  });

  it('an event turned off in the portal is not shown; preferences default to everything', async () => {
    const db = idp.testDb.db;
    expect((await listPreferences(db, admin)).every((p) => p.inApp && p.email)).toBe(true);
    const saved = await savePreferences(db, admin, [{ event: 'subscription.requested', inApp: false, email: false }]);
    expect(saved.find((p) => p.event === 'subscription.requested')).toMatchObject({ inApp: false, email: false });
    const app = await db.application.findFirstOrThrow({ where: { name: 'Radio' } });
    await subscribe(db, idp.adapter, owner, app.id, 'petstore');
    expect(await unreadCount(db, admin)).toBe(0);
    expect(await unreadCount(db, otherAdmin)).toBe(1);
  });
});

describe('the drift watch', () => {
  it('announces new drift to admins once, and again only when it changes', async () => {
    const db = idp.testDb.db;
    expect(await watchDrift(db, idp.adapter)).toBe(false);
    // A client made in the IdP behind the portal's back: an orphan.
    await idp.adapter.createClient({ appId: 'not-in-the-portal' });
    expect(await watchDrift(db, idp.adapter)).toBe(true);
    const drift = (await listNotifications(db, otherAdmin)).items.filter((n) => n.event === 'drift.found');
    expect(drift).toEqual([
      expect.objectContaining({ title: 'The identity provider and the portal disagree on 1 thing', link: '/admin/drift' }),
    ]);
    expect(await watchDrift(db, idp.adapter)).toBe(false);
    await idp.adapter.createClient({ appId: 'another-stray' });
    expect(await watchDrift(db, idp.adapter)).toBe(true);
    expect((await listNotifications(db, owner)).items.filter((n) => n.event === 'drift.found')).toEqual([]);
  });
});
