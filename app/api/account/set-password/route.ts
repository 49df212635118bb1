import { db } from '@/lib/db';
import { publicRoute, readBody } from '@/lib/http/route';
import { setPasswordWithLink } from '@/lib/people/password-links';
import { setPasswordSchema } from '@/lib/people/schemas';

/** Sets a Lanyard ID password from a one-time link (no session: the link is the credential). */
export const POST = publicRoute(async ({ req }) => {
  const { token, password } = await readBody(req, setPasswordSchema);
  return Response.json(await setPasswordWithLink(db(), token, password));
});
