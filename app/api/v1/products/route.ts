import { cursorQuery } from '@/lib/api-v1/pagination';
import { listV1Products, publishFromDocument } from '@/lib/api-v1/products';
import { publishQuery } from '@/lib/api-v1/schemas';
import { v1Query, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';
import { idp } from '@/lib/idp';

export const GET = v1Route('/api/v1/products', 'GET', async ({ req }) =>
  Response.json(await listV1Products(db(), v1Query(req, cursorQuery))),
);

/** ?id=tracks[&approval=true][&name=][&description=]; the body is the OpenAPI document, JSON or YAML. */
export const POST = v1Route(
  '/api/v1/products',
  'POST',
  async ({ caller, req, body }) => {
    const published = await publishFromDocument(db(), idp(), caller.user, v1Query(req, publishQuery), body);
    return Response.json(published, { status: 201 });
  },
  { idempotent: true },
);
