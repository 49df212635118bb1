import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { noContent, readBody } from '@/lib/http/route';
import { deletePlan, updatePlan } from '@/lib/plans/manage-plans';
import { updatePlanSchema } from '@/lib/plans/schemas';

/** Changes a plan's name, limits or approval, or makes it the default. */
export const PATCH = adminRoute<{ id: string; planId: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, updatePlanSchema);
  return Response.json(await updatePlan(db(), user, params.id, params.planId, input));
});

/** Deletes a plan; its subscribers move to the default plan. */
export const DELETE = adminRoute<{ id: string; planId: string }>(async ({ user, params }) => {
  await deletePlan(db(), user, params.id, params.planId);
  return noContent();
});
