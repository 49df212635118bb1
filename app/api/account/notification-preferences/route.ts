import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { listPreferences, savePreferences } from '@/lib/notifications/inbox';
import { preferencesSchema } from '@/lib/notifications/schemas';

export const GET = authedRoute(async ({ user }) => Response.json({ preferences: await listPreferences(db(), user) }));

export const PUT = authedRoute(async ({ user, req }) => {
  const { preferences } = await readBody(req, preferencesSchema);
  return Response.json({ preferences: await savePreferences(db(), user, preferences) });
});
