import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/lib/apps/create-app';
import { sendDue } from '@/lib/notifications/outbox';
import { smtpMailer } from '@/lib/notifications/send-mail';
import { savePreferences } from '@/lib/notifications/inbox';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { startEmbeddedIdp, TEST_AUTH_SECRET, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';

// Mail for notifications: the approval of a subscription reaches the app's
// owner over real SMTP (nodemailer to an smtp-server on loopback), a relay
// that refuses is retried later, and someone who turned mail off gets none.

process.env.LANYARD_SMTP_URL = 'smtp://127.0.0.1:25';
process.env.LANYARD_URL = 'http://portal.test';

let idp: RunningIdp;
let smtp: SmtpReceiver;
let admin: { id: string; email: string };
let owner: { id: string; email: string };

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  smtp = await startSmtpReceiver();
  const db = idp.testDb.db;
  admin = await addPortalUser(db, 'admin@example.com', true);
  owner = await addPortalUser(db, 'owner@example.com');
  await publishProduct(db, idp.adapter, 'tracks', { approvalRequired: true });
  await publishProduct(db, idp.adapter, 'petstore', { approvalRequired: true });
});
afterAll(async () => {
  await smtp.stop();
  await idp.stop();
});

const deps = (now = new Date()) => ({
  sendMail: smtpMailer(smtp.url, 'Lanyard <portal@example.com>'),
  portalSecret: TEST_AUTH_SECRET,
  webhooks: { allowPrivateAddresses: true },
  now: () => now,
});

describe('email notifications', () => {
  it('an admin hears of the request, and the owner receives the approval mail over SMTP', async () => {
    const db = idp.testDb.db;
    const app = await createApplication(db, idp.adapter, owner, { name: 'Billing', description: '' });
    const sub = await subscribe(db, idp.adapter, owner, app.id, 'tracks');
    expect(sub.status).toBe('pending');
    await decideSubscription(db, idp.adapter, admin, sub.id, { approve: true, reason: 'Looks good' });

    const pass = await sendDue(db, deps());
    expect(pass.mailSent).toBe(2);
    const toAdmin = smtp.messages.find((m) => m.to && 'text' in m.to && m.to.text === admin.email);
    expect(toAdmin?.subject).toBe('Billing asks for tracks API');
    const toOwner = smtp.messages.find((m) => m.to && 'text' in m.to && m.to.text === owner.email)!;
    expect(toOwner.subject).toBe('Billing may now call tracks API');
    expect(toOwner.from?.value[0]).toMatchObject({ name: 'Lanyard', address: 'portal@example.com' });
    expect(toOwner.text).toContain('Note: Looks good');
    expect(toOwner.text).toContain(`http://portal.test/apps/${app.id}`);
    // Sent once: the next pass finds nothing due.
    expect((await sendDue(db, deps())).mailSent).toBe(0);
  });

  it('a relay that refuses is retried after a backoff, and the mail arrives', async () => {
    const db = idp.testDb.db;
    smtp.messages.length = 0;
    smtp.refuse = true;
    const app = await createApplication(db, idp.adapter, owner, { name: 'Retry', description: '' });
    const sub = await subscribe(db, idp.adapter, owner, app.id, 'petstore');
    await decideSubscription(db, idp.adapter, admin, sub.id, { approve: false, reason: 'Not for production use' });

    const t0 = new Date();
    const failed = await sendDue(db, deps(t0));
    expect(failed).toMatchObject({ mailSent: 0, mailFailed: 2 });
    const waiting = await db.emailOutbox.findMany({ where: { sentAt: null } });
    expect(waiting.map((m) => m.lastError)).toEqual([
      expect.stringContaining('Try again later'),
      expect.stringContaining('Try again later'),
    ]);
    expect(waiting.every((m) => m.nextAttemptAt.getTime() >= t0.getTime() + 30_000)).toBe(true);

    smtp.refuse = false;
    // Not due yet: nothing is sent before the backoff ends.
    expect((await sendDue(db, deps(new Date(t0.getTime() + 10_000)))).mailSent).toBe(0);
    expect((await sendDue(db, deps(new Date(t0.getTime() + 31_000)))).mailSent).toBe(2);
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual([
      'Retry asks for petstore API',
      "Retry's request for petstore API was rejected",
    ]);
  });

  it('someone who turned mail off for an event gets none, but still sees it in the portal', async () => {
    const db = idp.testDb.db;
    await savePreferences(db, owner, [{ event: 'subscription.approved', inApp: true, email: false }]);
    await db.subscription.deleteMany({ where: { application: { name: 'Retry' } } });
    const app = await db.application.findFirstOrThrow({ where: { name: 'Retry' } });
    const before = await db.emailOutbox.count({ where: { to: owner.email } });
    const sub = await subscribe(db, idp.adapter, owner, app.id, 'petstore');
    await decideSubscription(db, idp.adapter, admin, sub.id, { approve: true, reason: '' });
    expect(await db.emailOutbox.count({ where: { to: owner.email } })).toBe(before);
    expect(await db.notification.count({ where: { userId: owner.id, event: 'subscription.approved' } })).toBe(2);
  });
});
