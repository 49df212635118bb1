import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { getAdminProduct } from '@/lib/products/admin-products';
import { deleteProduct } from '@/lib/products/delete-product';
import { productUpdateSchema } from '@/lib/products/schemas';
import { updateProduct } from '@/lib/products/update-product';
import { readDocumentUpload } from '@/lib/products/document-upload';
import { idp } from '@/lib/idp';

// `{id}`: the product's catalog slug, its API product id (URL-encoded) or its row id.

export const GET = adminRoute<{ id: string }>(async ({ params }) => Response.json(await getAdminProduct(db(), params.id)));

export const PATCH = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const { input: changes, checked } = await readDocumentUpload(req, productUpdateSchema);
  const product = await updateProduct(db(), user, params.id, changes, checked);
  return Response.json({ ...(await getAdminProduct(db(), product.id)), warnings: product.warnings });
});

/** 409 while applications are subscribed, unless `?confirm=true`. */
export const DELETE = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const confirm = new URL(req.url).searchParams.get('confirm') === 'true';
  return Response.json(await deleteProduct(db(), idp(), user, params.id, { confirm }));
});
