import { deprecationSchema } from '@/lib/api-v1/schemas';
import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { noContent, readBody } from '@/lib/http/route';
import { deprecateProduct, undeprecateProduct } from '@/lib/versions/versions';

/** `{ "sunset": "2027-06-30" }`: deprecates the product (or moves its sunset); subscribers are told. */
export const PUT = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const { sunset } = await readBody(req, deprecationSchema);
  const product = await deprecateProduct(db(), user, params.id, sunset);
  return Response.json({ sunset: product.sunsetAt?.toISOString().slice(0, 10) ?? null });
});

export const DELETE = adminRoute<{ id: string }>(async ({ user, params }) => {
  await undeprecateProduct(db(), user, params.id);
  return noContent();
});
