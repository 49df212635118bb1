import { appChoicesForProduct } from '@/lib/apps/app-choices';
import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';

/** The signed-in user's apps the product page offers in its subscribe and try-it menus. */
export const GET = authedRoute<{ slug: string }>(async ({ user, params }) => {
  const apps = await appChoicesForProduct(db(), user.id, params.slug);
  return Response.json(apps, { headers: { 'cache-control': 'private, no-store' } });
});
