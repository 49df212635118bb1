import 'server-only';
import type { Db } from '../db';
import type { NotificationEvent } from './events';

// Raising an event: one notification per person who wants it (in the
// portal, and by email when they want that too and mail is configured), and
// one delivery per active team webhook that chose the event. Everything is
// written to the database here; sending happens later, in the outbox worker
// (outbox.ts), so the change that raised the event never waits for a mail
// server or a receiver, and a failed send is retried.

export interface RaisedEvent {
  event: NotificationEvent;
  title: string;
  body?: string;
  /** A portal path, e.g. /apps/<id>. */
  link?: string;
  userIds: string[];
  /** Teams whose webhooks may carry it. */
  teamIds?: string[];
  /** What a webhook receives besides the event's name and time. */
  data?: Record<string, unknown>;
}

export interface NotifyOptions {
  /** Mail is queued only when the portal can send it (LANYARD_SMTP_URL). */
  email: boolean;
  portalUrl: string;
}

export async function raise(db: Db, e: RaisedEvent, options: NotifyOptions): Promise<void> {
  const userIds = [...new Set(e.userIds)];
  const [users, prefs] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db.notificationPreference.findMany({ where: { userId: { in: userIds }, event: e.event } }),
  ]);
  const prefOf = new Map(prefs.map((p) => [p.userId, p]));
  const link = e.link ? `${options.portalUrl.replace(/\/$/, '')}${e.link}` : undefined;
  for (const user of users) {
    const pref = prefOf.get(user.id);
    if (pref?.inApp ?? true) {
      await db.notification.create({ data: { userId: user.id, event: e.event, title: e.title, body: e.body ?? '', link: e.link ?? null } });
    }
    if (options.email && (pref?.email ?? true)) {
      const text = [
        e.body ?? '',
        link ? `\n${link}` : '',
        '\n\nYou get this because of your notification settings in the portal (/account).',
      ].join('');
      await db.emailOutbox.create({ data: { to: user.email, subject: e.title, text: text.trim() } });
    }
  }
  if (e.teamIds?.length) {
    const hooks = await db.webhook.findMany({ where: { teamId: { in: e.teamIds }, active: true } });
    const payload = JSON.stringify({
      event: e.event,
      at: new Date().toISOString(),
      title: e.title,
      ...(link && { link }),
      data: e.data ?? {},
    });
    for (const hook of hooks) {
      if ((JSON.parse(hook.events) as string[]).includes(e.event)) {
        await db.webhookDelivery.create({ data: { webhookId: hook.id, event: e.event, payload } });
      }
    }
  }
}
