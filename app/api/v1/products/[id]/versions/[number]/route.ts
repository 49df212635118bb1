import { v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { getVersion } from '@/lib/versions/versions';

export const GET = v1Route<{ id: string; number: string }>('/api/v1/products/[id]/versions/[number]', 'GET', async ({ params }) => {
  const number = /^[1-9]\d{0,8}$/.test(params.number) ? Number(params.number) : NaN;
  if (Number.isNaN(number)) throw notFound(`Version ${params.number}`);
  return Response.json(await getVersion(db(), params.id, number));
});
