import { db } from '@/lib/db';
import { reconcile } from '@/lib/drift/reconcile';
import { reconcileSchema } from '@/lib/drift/schemas';
import { adminRoute } from '@/lib/http/admin-route';
import { readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';

/** Makes the IdP match the portal. `dryRun` (the default) only returns the planned actions. */
export const POST = adminRoute(async ({ user, req }) => {
  const options = await readBody(req, reconcileSchema);
  return Response.json(await reconcile(db(), idp(), user, options));
});
