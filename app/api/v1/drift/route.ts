import { v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { computeDrift } from '@/lib/drift/report';
import { idp } from '@/lib/idp';

export const GET = v1Route('/api/v1/drift', 'GET', async () => Response.json(await computeDrift(db(), idp())));
