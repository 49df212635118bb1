import { db } from '@/lib/db';
import { scopesView } from '@/lib/drift/scopes-view';
import { adminRoute } from '@/lib/http/admin-route';
import { idp } from '@/lib/idp';

export const GET = adminRoute(async () => Response.json(await scopesView(db(), idp())));
