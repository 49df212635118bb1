import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Viewer } from '../apps/access';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { forbidden, invalid, notFound } from '../errors';
import { teamRole } from '../teams/membership';
import { literalHostIsPrivate } from './address-policy';
import type { NotificationEvent } from './events';
import { webhookSecret } from './webhook-signing';

// A team's webhooks: owners add, pause, remove and redeliver; members see
// them and their delivery log (docs/architecture.md, "Notifications").

export const MAX_WEBHOOKS_PER_TEAM = 10;
const LOG_SIZE = 50;

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  /** The last delivery's outcome, for the list. */
  last: { status: DeliveryView['status']; at: string } | null;
}

export interface DeliveryView {
  id: string;
  event: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface Settings {
  portalSecret: string;
  allowPrivateAddresses: boolean;
}

async function requireRole(db: Db, viewer: Viewer, teamId: string, owner: boolean) {
  const role = await teamRole(db, teamId, viewer.id);
  if (!role) throw notFound('That team');
  if (owner && role !== 'owner') throw forbidden('Only team owners can change the team’s webhooks');
}

async function findHook(db: Db, teamId: string, webhookId: string) {
  const hook = await db.webhook.findFirst({ where: { id: webhookId, teamId } });
  if (!hook) throw notFound('That webhook');
  return hook;
}

function deliveryStatus(d: { deliveredAt: Date | null; failedAt: Date | null; attempts: number }): DeliveryView['status'] {
  if (d.deliveredAt) return 'delivered';
  if (d.failedAt) return 'failed';
  return d.attempts > 0 ? 'retrying' : 'pending';
}

function deliveryView(d: {
  id: string;
  event: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
  failedAt: Date | null;
}): DeliveryView {
  const status = deliveryStatus(d);
  return {
    id: d.id,
    event: d.event,
    status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    error: d.lastError,
    nextAttemptAt: status === 'pending' || status === 'retrying' ? d.nextAttemptAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

export async function listWebhooks(db: Db, viewer: Viewer, teamId: string): Promise<WebhookView[]> {
  await requireRole(db, viewer, teamId, false);
  const hooks = await db.webhook.findMany({
    where: { teamId },
    orderBy: { createdAt: 'asc' },
    include: { deliveries: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  return hooks.map((h) => {
    const last = h.deliveries[0];
    return {
      id: h.id,
      url: h.url,
      events: JSON.parse(h.events) as string[],
      active: h.active,
      createdAt: h.createdAt.toISOString(),
      last: last ? { status: deliveryStatus(last), at: (last.deliveredAt ?? last.createdAt).toISOString() } : null,
    };
  });
}

/** Adds a webhook; the signing secret is in the answer and nowhere else. */
export async function createWebhook(
  db: Db,
  viewer: Viewer,
  teamId: string,
  input: { url: string; events: NotificationEvent[] },
  settings: Settings,
): Promise<{ webhook: WebhookView; secret: string }> {
  await requireRole(db, viewer, teamId, true);
  if (!settings.allowPrivateAddresses && literalHostIsPrivate(new URL(input.url).hostname)) {
    throw invalid('This portal only delivers to public addresses', { url: 'Use a public host name or address' });
  }
  if ((await db.webhook.count({ where: { teamId } })) >= MAX_WEBHOOKS_PER_TEAM) {
    throw invalid(`A team can have up to ${MAX_WEBHOOKS_PER_TEAM} webhooks`);
  }
  const salt = randomBytes(16).toString('base64url');
  const events = [...new Set(input.events)];
  const hook = await audited(
    db,
    { actor: viewer, action: 'webhook.create', target: { type: 'team', id: teamId }, detail: { url: input.url, events } },
    () => db.webhook.create({ data: { teamId, url: input.url, events: JSON.stringify(events), salt, createdById: viewer.id } }),
  );
  return {
    webhook: { id: hook.id, url: hook.url, events, active: true, createdAt: hook.createdAt.toISOString(), last: null },
    secret: webhookSecret(settings.portalSecret, hook.id, salt),
  };
}

export async function setWebhookActive(db: Db, viewer: Viewer, teamId: string, webhookId: string, active: boolean): Promise<void> {
  await requireRole(db, viewer, teamId, true);
  const hook = await findHook(db, teamId, webhookId);
  await audited(
    db,
    { actor: viewer, action: active ? 'webhook.resume' : 'webhook.pause', target: { type: 'team', id: teamId }, detail: { url: hook.url } },
    () => db.webhook.update({ where: { id: hook.id }, data: { active } }),
  );
}

export async function deleteWebhook(db: Db, viewer: Viewer, teamId: string, webhookId: string): Promise<void> {
  await requireRole(db, viewer, teamId, true);
  const hook = await findHook(db, teamId, webhookId);
  await audited(db, { actor: viewer, action: 'webhook.delete', target: { type: 'team', id: teamId }, detail: { url: hook.url } }, () =>
    db.webhook.delete({ where: { id: hook.id } }),
  );
}

export async function listDeliveries(db: Db, viewer: Viewer, teamId: string, webhookId: string): Promise<DeliveryView[]> {
  await requireRole(db, viewer, teamId, false);
  const hook = await findHook(db, teamId, webhookId);
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId: hook.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LOG_SIZE,
  });
  return rows.map(deliveryView);
}

/** Sends a delivery's payload again, as a new delivery (the log keeps the old one). */
export async function redeliver(db: Db, viewer: Viewer, teamId: string, webhookId: string, deliveryId: string): Promise<DeliveryView> {
  await requireRole(db, viewer, teamId, true);
  const hook = await findHook(db, teamId, webhookId);
  const old = await db.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId: hook.id } });
  if (!old) throw notFound('That delivery');
  const created = await db.webhookDelivery.create({ data: { webhookId: hook.id, event: old.event, payload: old.payload } });
  return deliveryView(created);
}

/** A `ping` event, to check a receiver and its signature check before real events arrive. */
export async function ping(db: Db, viewer: Viewer, teamId: string, webhookId: string): Promise<DeliveryView> {
  await requireRole(db, viewer, teamId, true);
  const hook = await findHook(db, teamId, webhookId);
  const payload = JSON.stringify({
    event: 'ping',
    at: new Date().toISOString(),
    title: 'A test event from Lanyard',
    data: { webhookId: hook.id },
  });
  return deliveryView(await db.webhookDelivery.create({ data: { webhookId: hook.id, event: 'ping', payload } }));
}
