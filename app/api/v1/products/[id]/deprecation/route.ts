import { deprecateV1Product, undeprecateV1Product } from '@/lib/api-v1/products';
import { deprecationSchema } from '@/lib/api-v1/schemas';
import { jsonBody, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';

/** `{ "sunset": "2027-06-30" }`: deprecates the product (or moves its sunset); subscribers are told. */
export const PUT = v1Route<{ id: string }>('/api/v1/products/[id]/deprecation', 'PUT', async ({ caller, params, body }) =>
  Response.json(await deprecateV1Product(db(), caller.user, params.id, jsonBody(body, deprecationSchema).sunset)),
);

export const DELETE = v1Route<{ id: string }>('/api/v1/products/[id]/deprecation', 'DELETE', async ({ caller, params }) =>
  Response.json(await undeprecateV1Product(db(), caller.user, params.id)),
);
