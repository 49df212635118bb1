import { republishDocument } from '@/lib/api-v1/products';
import { republishQuery } from '@/lib/api-v1/schemas';
import { v1Query, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';

/** A new OpenAPI document (JSON or YAML body): a new version with its changelog when it differs from the latest. */
export const PUT = v1Route<{ id: string }>('/api/v1/products/[id]/openapi', 'PUT', async ({ caller, params, req, body }) =>
  Response.json(await republishDocument(db(), caller.user, params.id, v1Query(req, republishQuery), body)),
);
