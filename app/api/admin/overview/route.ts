import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { adminOverview } from '@/lib/overview/admin-overview';

/** The admin console's front page figures and recent activity (fetched by the browser: the page is a kept shell). */
export const GET = adminRoute(async () => Response.json(await adminOverview(db()), { headers: { 'cache-control': 'private, no-store' } }));
