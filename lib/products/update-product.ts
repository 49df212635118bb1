import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { findProduct } from './find-product';
import { documentFacts, LISTING_VERSION, productListing, refreshSearchText, storedList } from './listing';
import { checkOpenApi } from './openapi';
import type { Published } from './publish-product';
import type { ProductUpdateInput } from './schemas';
import { recordVersion } from '../versions/versions';

/** Catalog fields only: the id (and so the scope) of a published product never changes. */
export async function updateProduct(db: Db, admin: Viewer, ref: string, input: ProductUpdateInput): Promise<Published> {
  const product = await findProduct(db, ref);
  const doc = input.openapi !== undefined ? await checkOpenApi(input.openapi) : undefined;
  const data = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.version !== undefined && { version: input.version || doc?.version || product.version }),
    ...(input.approvalRequired !== undefined && { approvalRequired: input.approvalRequired }),
    ...(doc && { openapi: doc.json }),
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
  const changed = Object.entries(data)
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
      const updated = await db.apiProduct.update({ where: { id: product.id }, data: { ...data, ...listing } });
      // A new document is a new version, with its changelog (lib/versions/).
      if (doc) await recordVersion(db, updated, admin, product);
      return updated;
    },
  );
  return { ...updated, warnings: doc?.warnings ?? [] };
}
