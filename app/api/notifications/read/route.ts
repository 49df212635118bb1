import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { markRead } from '@/lib/notifications/inbox';
import { markReadSchema } from '@/lib/notifications/schemas';

export const POST = authedRoute(async ({ user, req }) => {
  const marked = await markRead(db(), user, await readBody(req, markReadSchema));
  return Response.json({ marked });
});
