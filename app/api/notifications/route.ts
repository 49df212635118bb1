import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { listNotifications } from '@/lib/notifications/inbox';

export const GET = authedRoute(async ({ user }) => Response.json(await listNotifications(db(), user)));
