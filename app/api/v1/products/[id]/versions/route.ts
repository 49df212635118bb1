import { v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { listVersions } from '@/lib/versions/versions';

/** Every version, newest first, each with what changed from the one before. */
export const GET = v1Route<{ id: string }>('/api/v1/products/[id]/versions', 'GET', async ({ params }) =>
  Response.json({ items: await listVersions(db(), params.id), nextCursor: null }),
);
