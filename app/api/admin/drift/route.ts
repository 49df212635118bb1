import { db } from '@/lib/db';
import { adminRoute } from '@/lib/admin/route';
import { computeDrift } from '@/lib/drift/report';
import { idp } from '@/lib/idp';

export const GET = adminRoute(async () => Response.json(await computeDrift(db(), idp()), { headers: { 'cache-control': 'no-store' } }));
