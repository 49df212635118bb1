import { z } from 'zod';
import { db } from '@/lib/db';
import { adminRoute } from '@/lib/admin/route';
import { reconcile } from '@/lib/drift/reconcile';
import { readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';

const schema = z.object({ dryRun: z.boolean().default(true), deleteExtraProducts: z.boolean().default(false) });

/** Makes the IdP match the portal. `dryRun` (the default) only returns the planned actions. */
export const POST = adminRoute(async ({ user, req }) => {
  const options = await readBody(req, schema);
  return Response.json(await reconcile(db(), idp(), user, options));
});
