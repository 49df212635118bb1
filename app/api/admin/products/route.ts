import { db } from '@/lib/db';
import { createProduct, listAdminProducts } from '@/lib/admin/products';
import { productCreateSchema } from '@/lib/admin/product-schemas';
import { adminRoute } from '@/lib/admin/route';
import { readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';

export const GET = adminRoute(async () => Response.json(await listAdminProducts(db())));

/** Publishes a product: the IdP's scope first, then the catalog row. */
export const POST = adminRoute(async ({ user, req }) => {
  const input = await readBody(req, productCreateSchema);
  const product = await createProduct(db(), idp(), user, input);
  return Response.json({ id: product.id, apiProductId: product.apiProductId, slug: product.slug, scope: product.scope }, { status: 201 });
});
