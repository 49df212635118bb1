import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { noContent, readBody } from '@/lib/http/route';
import { assertEmbeddedIdp } from '@/lib/people/embedded-only';
import { setIdpPersonDisabled } from '@/lib/people/manage-people';
import { updatePersonSchema } from '@/lib/people/schemas';

/** `{"disabled": true}` signs the person out everywhere and keeps them out; `false` lets them back in. */
export const PATCH = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  assertEmbeddedIdp();
  const { disabled } = await readBody(req, updatePersonSchema);
  await setIdpPersonDisabled(db(), user, params.id, disabled);
  return noContent();
});
