import 'server-only';
import type { Db } from '../db';
import type { SendMail } from './send-mail';
import { sendWebhook, type SendOptions } from './send-webhook';
import { webhookSecret } from './webhook-signing';

// The outbox worker (docs/architecture.md, "Notifications"): every replica
// runs it, and a row is sent by whichever replica claims it first. A claim is
// a conditional update (the row's nextAttemptAt must still be what this
// replica read), which also pushes nextAttemptAt past a lease: if the replica
// dies mid-send, the row comes due again after the lease and another one
// sends it. Receivers see each delivery at least once, and dedupe by the
// Lanyard-Delivery header.

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

/** The wait before attempt n+1 after n failures: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(failures: number, baseMs = 30_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, failures - 1), 60 * 60_000);
}

export interface OutboxDeps {
  /** Unset: mail waits in the outbox until SMTP is configured. */
  sendMail?: SendMail;
  portalSecret: string;
  webhooks: SendOptions;
  now?: () => Date;
  backoffBaseMs?: number;
}

export interface OutboxPass {
  mailSent: number;
  mailFailed: number;
  delivered: number;
  deliveryFailed: number;
}

export async function sendDue(db: Db, deps: OutboxDeps): Promise<OutboxPass> {
  const [mail, hooks] = await Promise.all([deps.sendMail ? sendDueMail(db, deps, deps.sendMail) : [0, 0], sendDueDeliveries(db, deps)]);
  return { mailSent: mail[0], mailFailed: mail[1], delivered: hooks[0], deliveryFailed: hooks[1] };
}

async function sendDueMail(db: Db, deps: OutboxDeps, sendMail: SendMail): Promise<[number, number]> {
  const now = deps.now?.() ?? new Date();
  const due = await db.emailOutbox.findMany({
    where: { sentAt: null, attempts: { lt: MAX_ATTEMPTS }, nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
  });
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    const claimed = await db.emailOutbox.updateMany({
      where: { id: row.id, sentAt: null, nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    try {
      await sendMail({ to: row.to, subject: row.subject, text: row.text });
      await db.emailOutbox.update({ where: { id: row.id }, data: { sentAt: new Date(), lastError: null } });
      sent++;
    } catch (err) {
      failed++;
      await db.emailOutbox.update({
        where: { id: row.id },
        data: {
          lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts + 1, deps.backoffBaseMs)),
        },
      });
    }
  }
  return [sent, failed];
}

async function sendDueDeliveries(db: Db, deps: OutboxDeps): Promise<[number, number]> {
  const now = deps.now?.() ?? new Date();
  const due = await db.webhookDelivery.findMany({
    where: { deliveredAt: null, failedAt: null, nextAttemptAt: { lte: now }, webhook: { active: true } },
    include: { webhook: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
  });
  let delivered = 0;
  let failed = 0;
  for (const row of due) {
    const claimed = await db.webhookDelivery.updateMany({
      where: { id: row.id, deliveredAt: null, failedAt: null, nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    const attempt = row.attempts + 1;
    const result = await sendWebhook(
      {
        url: row.webhook.url,
        deliveryId: row.id,
        event: row.event,
        payload: row.payload,
        secret: webhookSecret(deps.portalSecret, row.webhook.id, row.webhook.salt),
      },
      deps.webhooks,
    );
    if (result.ok) {
      delivered++;
      await db.webhookDelivery.update({
        where: { id: row.id },
        data: { deliveredAt: new Date(), responseStatus: result.status, lastError: null },
      });
    } else {
      failed++;
      const last = attempt >= MAX_ATTEMPTS;
      await db.webhookDelivery.update({
        where: { id: row.id },
        data: {
          responseStatus: result.status,
          lastError: result.error,
          ...(last ? { failedAt: new Date() } : { nextAttemptAt: new Date(now.getTime() + backoffMs(attempt, deps.backoffBaseMs)) }),
        },
      });
    }
  }
  return [delivered, failed];
}

/** Runs sendDue every few seconds (a pass still running skips the tick); returns a function that stops it and waits for that pass. */
export function startOutbox(db: () => Db, deps: () => OutboxDeps, everyMs = 5_000): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sendDue(db(), deps())
      .then(() => undefined)
      .catch((err: unknown) => {
        console.error('Sending notifications failed (they are retried):', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
