import { getV1App } from '@/lib/api-v1/apps';
import { v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';

export const GET = v1Route<{ id: string }>('/api/v1/apps/[id]', 'GET', async ({ caller, params }) =>
  Response.json(await getV1App(db(), caller.user, params.id)),
);
