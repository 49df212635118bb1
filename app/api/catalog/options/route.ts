import { db } from '@/lib/db';
import { authedRoute } from '@/lib/http/route';
import { subscribeMenu } from '@/lib/products/subscribe-menu';

/** The app page's subscribe menu: every product's id, name and approval, and each product's plans. */
export const GET = authedRoute(async () => Response.json(await subscribeMenu(db()), { headers: { 'cache-control': 'private, no-cache' } }));
