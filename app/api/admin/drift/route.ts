import { db } from '@/lib/db';
import { computeDrift } from '@/lib/drift/report';
import { adminRoute } from '@/lib/http/admin-route';
import { idp } from '@/lib/idp';

export const GET = adminRoute(async () => Response.json(await computeDrift(db(), idp()), { headers: { 'cache-control': 'no-store' } }));
