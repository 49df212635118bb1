import { db } from '@/lib/db';
import { adminRoute } from '@/lib/admin/route';
import { scopesView } from '@/lib/admin/scopes';
import { idp } from '@/lib/idp';

export const GET = adminRoute(async () => Response.json(await scopesView(db(), idp())));
