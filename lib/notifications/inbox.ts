import 'server-only';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { EVENT_NAMES, EVENTS, type NotificationEvent } from './events';

// A person's notifications in the portal (the bell and /notifications) and
// their choice of events. Nobody reads or marks another person's notifications:
// every query is scoped to the viewer.

export const INBOX_SIZE = 50;

export interface NotificationView {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface Inbox {
  unread: number;
  items: NotificationView[];
}

export async function unreadCount(db: Db, viewer: Viewer): Promise<number> {
  return db.notification.count({ where: { userId: viewer.id, readAt: null } });
}

export async function listNotifications(db: Db, viewer: Viewer): Promise<Inbox> {
  const [unread, rows] = await Promise.all([
    unreadCount(db, viewer),
    db.notification.findMany({ where: { userId: viewer.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: INBOX_SIZE }),
  ]);
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      event: n.event,
      title: n.title,
      body: n.body,
      link: n.link,
      read: !!n.readAt,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export async function markRead(db: Db, viewer: Viewer, which: { all: true } | { ids: string[] }): Promise<number> {
  const r = await db.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...('ids' in which && { id: { in: which.ids } }) },
    data: { readAt: new Date() },
  });
  return r.count;
}

export interface PreferenceView {
  event: NotificationEvent;
  label: string;
  inApp: boolean;
  email: boolean;
}

/** Every event, with the viewer's choice (both on when they never chose). */
export async function listPreferences(db: Db, viewer: Viewer): Promise<PreferenceView[]> {
  const rows = await db.notificationPreference.findMany({ where: { userId: viewer.id } });
  const chosen = new Map(rows.map((r) => [r.event, r]));
  return EVENT_NAMES.map((event) => ({
    event,
    label: EVENTS[event].label,
    inApp: chosen.get(event)?.inApp ?? true,
    email: chosen.get(event)?.email ?? true,
  }));
}

export async function savePreferences(
  db: Db,
  viewer: Viewer,
  preferences: { event: NotificationEvent; inApp: boolean; email: boolean }[],
): Promise<PreferenceView[]> {
  await db.$transaction(
    preferences.map((p) =>
      db.notificationPreference.upsert({
        where: { userId_event: { userId: viewer.id, event: p.event } },
        create: { userId: viewer.id, event: p.event, inApp: p.inApp, email: p.email },
        update: { inApp: p.inApp, email: p.email },
      }),
    ),
  );
  return listPreferences(db, viewer);
}
