import { db } from '@/lib/db';
import { decide, decisionSchema } from '@/lib/admin/approvals';
import { adminRoute } from '@/lib/admin/route';
import { readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';

/** Approve (grants the scope in the IdP) or reject (a reason is required) a pending subscription. */
export const POST = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, decisionSchema);
  return Response.json(await decide(db(), idp(), user, params.id, input));
});
