import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { writeProductDocument } from './document-rows';
import { findProduct } from './find-product';
import { documentFacts, LISTING_VERSION, productListing, refreshSearchText, storedList } from './listing';
import { checkOpenApi, type CheckedOpenApi } from './openapi';
import type { Published } from './publish-product';
import type { ProductUpdateInput } from './schemas';
import { recordVersion } from '../versions/versions';

/**
 * Catalog fields only: the id (and so the scope) of a published product never
 * changes. `checked`: the new document's check, when the route already has it
 * (lib/products/document-upload.ts).
 */
export async function updateProduct(
  db: Db,
  admin: Viewer,
  ref: string,
  input: ProductUpdateInput,
  checked?: CheckedOpenApi,
): Promise<Published> {
  const product = await findProduct(db, ref);
  const doc = checked ?? (input.openapi !== undefined ? await checkOpenApi(input.openapi) : undefined);
  const data = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.version !== undefined && { version: input.version || doc?.version || product.version }),
    ...(input.approvalRequired !== undefined && { approvalRequired: input.approvalRequired }),
  };
  // The listing columns follow (lib/products/listing.ts): from the new document,
  // or, when only name or description change, from what is stored.
  const fields = {
    name: data.name ?? product.name,
    apiProductId: product.apiProductId,
    description: data.description ?? product.description,
  };
  const listing = doc
    ? productListing(fields, doc.facts)
    : product.listingVersion !== LISTING_VERSION
      ? productListing(fields, documentFacts(JSON.parse(product.openapi)))
      : { searchText: refreshSearchText(product.searchText, fields, storedList(product.tags)) };
  const before: Record<string, unknown> = product;
  const changed = Object.entries({ ...data, ...(doc && { openapi: doc.json }) })
    .filter(([key, value]) => before[key] !== value)
    .map(([key]) => key);
  const updated = await audited(
    db,
    {
      actor: admin,
      action: 'product.update',
      target: { type: 'api_product', id: product.apiProductId },
      detail: {
        changed,
        ...Object.fromEntries(
          changed.filter((k) => k === 'approvalRequired' || k === 'version' || k === 'name').map((k) => [k, data[k as keyof typeof data]]),
        ),
      },
    },
    async () => {
      const updated = await db.apiProduct.update({ where: { id: product.id }, data: { ...data, ...listing }, omit: { openapi: true } });
      if (!doc) return { ...updated, openapi: product.openapi };
      // The document goes through the driver (document-rows.ts); a new one is a new version, with its changelog (lib/versions/).
      const updatedAt = await writeProductDocument(db, product.id, doc.json, updated.updatedAt);
      const withDocument = { ...updated, updatedAt, openapi: doc.json };
      // Requests waiting behind that write go before the version's (see publish-product.ts).
      await new Promise((resolve) => setImmediate(resolve));
      await recordVersion(db, withDocument, admin, product);
      return withDocument;
    },
  );
  return { ...updated, warnings: doc?.warnings ?? [] };
}
