import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { listAdminProducts, listProductOptions } from '@/lib/products/admin-products';
import { createProduct, type PublishedProduct } from '@/lib/products/publish-product';
import { adminProductListQuery, productCreateSchema } from '@/lib/products/schemas';
import { readQuery } from '@/lib/http/route';
import { readDocumentUpload } from '@/lib/products/document-upload';
import { idp } from '@/lib/idp';

/** ?q, ?page, ?pageSize (25–50); ?view=options: every product's id and name, for a select. */
export const GET = adminRoute(async ({ req }) => {
  const query = readQuery(req, adminProductListQuery);
  return Response.json(query.view === 'options' ? await listProductOptions(db()) : await listAdminProducts(db(), query));
});

/** Publishes a product: the IdP's scope first, then the catalog row. */
export const POST = adminRoute(async ({ user, req }) => {
  // Parsed and checked off the request thread (lib/products/document-upload.ts).
  const { input, checked } = await readDocumentUpload(req, productCreateSchema);
  const product = await createProduct(db(), idp(), user, input, checked);
  const published: PublishedProduct = {
    id: product.id,
    apiProductId: product.apiProductId,
    slug: product.slug,
    scope: product.scope,
    warnings: product.warnings,
  };
  return Response.json(published, { status: 201 });
});
