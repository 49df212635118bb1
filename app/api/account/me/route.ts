import { currentUser } from '@/lib/auth/current-user';
import { publicRoute } from '@/lib/http/route';

// Who is signed in ({ user: null } when nobody is): the header and the
// catalog pages ask from the browser, since the portal's pages are rendered
// once for everyone with the same role (docs/adr/0015-catalog-page-cache.md).
export const GET = publicRoute(async () =>
  Response.json({ user: await currentUser() }, { headers: { 'cache-control': 'private, no-store' } }),
);
