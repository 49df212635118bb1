import { currentUser } from '@/lib/auth/current-user';
import { toErrorResponse } from '@/lib/http/api-error';

// Who is signed in ({ user: null } when nobody is): the header and the public
// catalog pages ask from the browser, since those pages are rendered once for
// every reader (docs/adr/0015-catalog-page-cache.md).
export async function GET(): Promise<Response> {
  try {
    return Response.json({ user: await currentUser() }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
