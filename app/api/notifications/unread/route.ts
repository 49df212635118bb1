import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { unreadCount } from '@/lib/notifications/inbox';

// The bell's count, polled: one indexed count, nothing else.
export const GET = authedRoute(async ({ user }) => Response.json({ unread: await unreadCount(db(), user) }));
