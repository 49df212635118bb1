import { jsonBody, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { reconcile } from '@/lib/drift/reconcile';
import { reconcileSchema } from '@/lib/drift/schemas';
import { idp } from '@/lib/idp';

/** `{ "dryRun": true }` (the default) only plans; `false` makes the IdP match the portal. */
export const POST = v1Route('/api/v1/drift/reconcile', 'POST', async ({ caller, body }) =>
  Response.json(await reconcile(db(), idp(), caller.user, jsonBody(body, reconcileSchema))),
);
