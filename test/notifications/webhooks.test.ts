import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/lib/apps/create-app';
import { isPrivateAddress, publicOnlyLookup } from '@/lib/notifications/address-policy';
import { MAX_ATTEMPTS, sendDue } from '@/lib/notifications/outbox';
import { sendWebhook } from '@/lib/notifications/send-webhook';
import { verifySignature } from '@/lib/notifications/webhook-signing';
import { createWebhook, listDeliveries, listWebhooks, ping, redeliver, setWebhookActive } from '@/lib/notifications/webhooks';
import { decideSubscription } from '@/lib/subscriptions/decide-subscription';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { addMember, createTeam } from '@/lib/teams/manage-teams';
import { startEmbeddedIdp, TEST_AUTH_SECRET, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';

// Team webhooks against a real receiver on loopback: each delivery is signed
// (the receiver checks it with the secret shown once at creation), a failure
// is retried after a backoff, the log shows every attempt, redelivery sends
// the same payload again, and only owners change anything.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let idp: RunningIdp;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answer = 204;
let admin: { id: string; email: string };
let owner: { id: string; email: string };
let member: { id: string; email: string };
let outsider: { id: string; email: string };
let teamId: string;

const settings = { portalSecret: TEST_AUTH_SECRET, allowPrivateAddresses: true };
const deps = (now = new Date()) => ({ portalSecret: TEST_AUTH_SECRET, webhooks: { allowPrivateAddresses: true }, now: () => now });

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/lanyard`;
  const db = idp.testDb.db;
  admin = await addPortalUser(db, 'admin@example.com', true);
  owner = await addPortalUser(db, 'owner@example.com');
  member = await addPortalUser(db, 'member@example.com');
  outsider = await addPortalUser(db, 'outsider@example.com');
  teamId = (await createTeam(db, owner, 'Payments')).id;
  await addMember(db, owner, teamId, { email: member.email, role: 'member' });
  await publishProduct(db, idp.adapter, 'tracks', { approvalRequired: true });
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await idp.stop();
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (e: { code?: string }) => e.code,
  );

describe('team webhooks', () => {
  let hookId: string;
  let secret: string;

  it('only an owner adds one; members see it without its secret; others do not see it at all', async () => {
    const db = idp.testDb.db;
    const input = { url: receiverUrl, events: ['subscription.approved', 'subscription.rejected'] as const };
    expect(await codeOf(createWebhook(db, member, teamId, { ...input, events: [...input.events] }, settings))).toBe('forbidden');
    expect(await codeOf(createWebhook(db, outsider, teamId, { ...input, events: [...input.events] }, settings))).toBe('not_found');
    const created = await createWebhook(db, owner, teamId, { ...input, events: [...input.events] }, settings);
    hookId = created.webhook.id;
    secret = created.secret;
    expect(secret).toMatch(/^whsec_/);
    const seen = await listWebhooks(db, member, teamId);
    expect(seen).toEqual([expect.objectContaining({ id: hookId, url: receiverUrl, active: true })]);
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(await codeOf(listWebhooks(db, outsider, teamId))).toBe('not_found');
    expect(await codeOf(setWebhookActive(db, member, teamId, hookId, false))).toBe('forbidden');
  });

  it('delivers a signed event for the team’s app; the receiver verifies the signature', async () => {
    const db = idp.testDb.db;
    const app = await createApplication(db, idp.adapter, owner, { name: 'Checkout', description: '', ownerTeamId: teamId });
    const sub = await subscribe(db, idp.adapter, owner, app.id, 'tracks');
    await decideSubscription(db, idp.adapter, admin, sub.id, { approve: true, reason: '' });
    expect((await sendDue(db, deps())).delivered).toBe(1);

    const got = received.at(-1)!;
    expect(got.headers['lanyard-event']).toBe('subscription.approved');
    expect(got.headers['content-type']).toBe('application/json');
    expect(verifySignature(secret, got.body, String(got.headers['lanyard-signature']))).toBe(true);
    // A body changed in transit, or another webhook's secret, does not verify.
    expect(verifySignature(secret, got.body.replace('Checkout', 'Forged'), String(got.headers['lanyard-signature']))).toBe(false);
    expect(verifySignature(`${secret}x`, got.body, String(got.headers['lanyard-signature']))).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({
      event: 'subscription.approved',
      data: { appId: app.id, apiProductId: 'tracks', approved: true },
    });
    const [log] = await listDeliveries(db, member, teamId, hookId);
    expect(log).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 204, id: got.headers['lanyard-delivery'] });
  });

  it('a receiver that fails gets the delivery again after a backoff, until it answers 2xx', async () => {
    const db = idp.testDb.db;
    answer = 500;
    const delivery = await ping(db, owner, teamId, hookId);
    const t0 = new Date(Date.now() + 1_000);
    expect(await sendDue(db, deps(t0))).toMatchObject({ delivered: 0, deliveryFailed: 1 });
    let [log] = await listDeliveries(db, owner, teamId, hookId);
    expect(log).toMatchObject({
      id: delivery.id,
      status: 'retrying',
      attempts: 1,
      responseStatus: 500,
      error: 'The receiver answered 500',
    });
    expect(new Date(log!.nextAttemptAt!).getTime()).toBeGreaterThanOrEqual(t0.getTime() + 30_000);

    answer = 200;
    expect((await sendDue(db, deps(new Date(t0.getTime() + 5_000)))).delivered).toBe(0);
    expect((await sendDue(db, deps(new Date(t0.getTime() + 31_000)))).delivered).toBe(1);
    [log] = await listDeliveries(db, owner, teamId, hookId);
    expect(log).toMatchObject({ id: delivery.id, status: 'delivered', attempts: 2, responseStatus: 200, error: null });
    // Both attempts carried the same delivery id, so a receiver can drop the duplicate.
    expect(received.slice(-2).map((r) => r.headers['lanyard-delivery'])).toEqual([delivery.id, delivery.id]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts; an owner redelivers it as a new delivery`, async () => {
    const db = idp.testDb.db;
    answer = 503;
    const delivery = await ping(db, owner, teamId, hookId);
    let at = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sendDue(db, deps(new Date(at)));
      at += 2 * 60 * 60_000;
    }
    const [failed] = await listDeliveries(db, owner, teamId, hookId);
    expect(failed).toMatchObject({ id: delivery.id, status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect((await sendDue(db, deps(new Date(at)))).deliveryFailed).toBe(0);

    answer = 204;
    expect(await codeOf(redeliver(db, member, teamId, hookId, delivery.id))).toBe('forbidden');
    const again = await redeliver(db, owner, teamId, hookId, delivery.id);
    expect((await sendDue(db, deps())).delivered).toBe(1);
    const log = await listDeliveries(db, owner, teamId, hookId);
    expect(log.slice(0, 2).map((d) => [d.id, d.status])).toEqual([
      [again.id, 'delivered'],
      [delivery.id, 'failed'],
    ]);
    expect(received.at(-1)!.body).toBe((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).payload);
  });

  it('a paused webhook sends nothing until it is resumed', async () => {
    const db = idp.testDb.db;
    await setWebhookActive(db, owner, teamId, hookId, false);
    const waiting = await ping(db, owner, teamId, hookId);
    expect((await sendDue(db, deps())).delivered).toBe(0);
    await setWebhookActive(db, owner, teamId, hookId, true);
    expect((await sendDue(db, deps())).delivered).toBe(1);
    expect(received.at(-1)!.headers['lanyard-delivery']).toBe(waiting.id);
  });
});

describe('private addresses', () => {
  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('when they are not allowed, a webhook to one is refused when saved, and a name that resolves to one when sent', async () => {
    const db = idp.testDb.db;
    const strict = { ...settings, allowPrivateAddresses: false };
    for (const url of ['http://127.0.0.1:9/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'http://localhost/x']) {
      expect(await codeOf(createWebhook(db, owner, teamId, { url, events: ['subscription.approved'] }, strict)), url).toBe('invalid');
    }
    const refused = await new Promise<Error | null>((resolve) => publicOnlyLookup('localhost', {}, (err) => resolve(err)));
    expect(refused?.message).toMatch(/is private/);
    // The socket's own lookup refuses it, whatever the URL says.
    const sent = await sendWebhook(
      { url: receiverUrl.replace('127.0.0.1', 'localhost'), deliveryId: 'd', event: 'ping', payload: '{}', secret: 's' },
      { allowPrivateAddresses: false },
    );
    expect(sent).toMatchObject({ ok: false, error: expect.stringMatching(/private/) });
  });
});
