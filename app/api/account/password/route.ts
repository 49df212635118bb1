import { db } from '@/lib/db';
import { authedRoute, noContent, readBody } from '@/lib/http/route';
import { changeOwnPassword } from '@/lib/people/manage-people';
import { changePasswordSchema } from '@/lib/people/schemas';
import { spendBudget } from '@/lib/rate-limit/policies';

/** A signed-in person changes their own Lanyard ID password (10 tries an hour). */
export const POST = authedRoute(async ({ user, req }) => {
  const input = await readBody(req, changePasswordSchema);
  await spendBudget(db(), 'password-change', user.id, 10, 3600_000);
  await changeOwnPassword(db(), user, input);
  return noContent();
});
