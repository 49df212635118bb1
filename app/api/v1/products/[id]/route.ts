import { getV1Product, patchV1Product } from '@/lib/api-v1/products';
import { productPatchSchema } from '@/lib/api-v1/schemas';
import { jsonBody, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';

// `{id}`: the product's id (URL-encoded), its catalog slug or its row id.

export const GET = v1Route<{ id: string }>('/api/v1/products/[id]', 'GET', async ({ params }) =>
  Response.json(await getV1Product(db(), params.id)),
);

/** Catalog fields: name, description, approvalRequired. */
export const PATCH = v1Route<{ id: string }>('/api/v1/products/[id]', 'PATCH', async ({ caller, params, body }) =>
  Response.json(await patchV1Product(db(), caller.user, params.id, jsonBody(body, productPatchSchema))),
);
