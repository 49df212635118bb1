import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readBody } from '@/lib/http/route';
import { listProductPlans } from '@/lib/plans/list-plans';
import { createPlan } from '@/lib/plans/manage-plans';
import { createPlanSchema } from '@/lib/plans/schemas';

/** The product's plans, default first. */
export const GET = adminRoute<{ id: string }>(async ({ params }) => Response.json(await listProductPlans(db(), params.id)));

/** A new plan (name, rate limit, quota, approval; the first plan is the default). */
export const POST = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, createPlanSchema);
  return Response.json(await createPlan(db(), user, params.id, input), { status: 201 });
});
