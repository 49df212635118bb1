import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { conflict, invalid } from '../errors';
import type { ApiProduct } from '../generated/prisma/client';
import { isIdpError } from '../idp/errors';
import { withLock } from '../locks/with-lock';
import type { IdpAdapter } from '../idp/types';
import { insertProductRow } from './document-rows';
import { freeSlug } from './find-product';
import { productListing } from './listing';
import { checkOpenApi, type CheckedOpenApi, type OpenApiWarning } from './openapi';
import type { ProductCreateInput } from './schemas';
import { recordVersion } from '../versions/versions';

// Publishing an API product (docs/architecture.md, "Publish a product"). The
// IdP comes first: a product exists in the catalog only once the IdP knows
// its scope; if the catalog row cannot be written, the scope is removed again.

/** What the publish call answers: enough to link to the new product, and what the admin should fix in the document. */
export type PublishedProduct = Pick<ApiProduct, 'id' | 'apiProductId' | 'slug' | 'scope'> & { warnings: OpenApiWarning[] };

/** The new row, with the document's warnings (an invalid regex `pattern` is one: tolerated, shown to the admin). */
export type Published = ApiProduct & { warnings: OpenApiWarning[] };

/**
 * One publish per product id at a time, across replicas: two at once would
 * both pass the "already published" check. `checked`: the document's check,
 * when the route had the worker make it while it parsed the upload
 * (document-upload.ts); otherwise it is made here.
 */
export function createProduct(
  db: Db,
  idp: IdpAdapter,
  admin: Viewer,
  input: ProductCreateInput,
  checked?: CheckedOpenApi,
): Promise<Published> {
  return withLock(db, `product:${input.apiProductId}`, async () => {
    const product = await publish(db, idp, admin, input, checked);
    // On SQLite each write of a big document holds the event loop while it
    // runs; between the two, the requests waiting behind the first go first.
    await new Promise((resolve) => setImmediate(resolve));
    await recordVersion(db, product, admin);
    return product;
  });
}

async function publish(db: Db, idp: IdpAdapter, admin: Viewer, input: ProductCreateInput, checked?: CheckedOpenApi): Promise<Published> {
  if (await db.apiProduct.findUnique({ where: { apiProductId: input.apiProductId }, select: { id: true } })) {
    throw invalid('An API product with that id is already published', { apiProductId: 'A product with this id already exists' });
  }
  const doc = checked ?? (await checkOpenApi(input.openapi));
  const version = input.version || doc.version || '1.0.0';
  const listing = productListing(input, doc.facts);
  const product = await audited(
    db,
    {
      actor: admin,
      action: 'product.create',
      target: { type: 'api_product', id: input.apiProductId },
      detail: { name: input.name, version, approvalRequired: input.approvalRequired },
    },
    async () => {
      let scope: string;
      try {
        scope = (await idp.createApiProduct({ id: input.apiProductId, description: input.name })).scope;
      } catch (err) {
        if (isIdpError(err, 'conflict')) {
          throw conflict(
            `The identity provider already has a scope for ${input.apiProductId} that the portal does not know. Check the drift report before publishing it.`,
          );
        }
        throw err;
      }
      try {
        // Through the driver, not Prisma's pipeline: the document can be megabytes (document-rows.ts).
        return await insertProductRow(db, {
          apiProductId: input.apiProductId,
          slug: await freeSlug(db, input.apiProductId),
          name: input.name,
          description: input.description,
          version,
          openapi: doc.json,
          approvalRequired: input.approvalRequired,
          scope,
          ...listing,
        });
      } catch (err) {
        await idp.deleteApiProduct(input.apiProductId).catch((undo: unknown) => {
          console.error(
            `Could not remove the IdP scope of ${input.apiProductId} after a failed publish; the drift report will show it:`,
            undo,
          );
        });
        throw err;
      }
    },
    (p) => ({ scope: p.scope, slug: p.slug, ...(doc.warnings.length && { warnings: doc.warnings.length }) }),
  );
  return { ...product, warnings: doc.warnings };
}
