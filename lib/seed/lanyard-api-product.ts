import { V1_OPENAPI } from '../api-v1/openapi-document';
import type { Db } from '../db';
import { isIdpError } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';
import { documentFacts, productListing } from '../products/listing';
import { recordVersion } from '../versions/versions';

// Lanyard's own API (/api/v1) in the catalog, like any product, with the
// document the portal serves at /api/v1/openapi.json. Idempotent; after an
// upgrade that changed the API, the next seed publishes the new document as a
// new version (with its changelog).

export const LANYARD_API_PRODUCT = { apiProductId: 'lanyard', slug: 'lanyard-api', name: 'Lanyard API' } as const;

export async function seedLanyardApiProduct(db: Db, idp: IdpAdapter): Promise<'created' | 'updated' | 'unchanged'> {
  const openapi = JSON.stringify(V1_OPENAPI);
  const { apiProductId, slug, name } = LANYARD_API_PRODUCT;
  const description =
    'Lanyard’s own admin and consumer API, for pipelines and the lanyard CLI: publish and deprecate products, manage apps, approve subscriptions, read the audit log and the drift report. Authenticate with an access token from your account page.';
  // What the catalog lists and searches (lib/products/listing.ts).
  const listing = productListing({ apiProductId, name, description }, documentFacts(V1_OPENAPI));
  const existing = await db.apiProduct.findUnique({ where: { apiProductId } });
  if (existing) {
    if (existing.openapi === openapi) return 'unchanged';
    const updated = await db.apiProduct.update({
      where: { id: existing.id },
      data: { openapi, version: V1_OPENAPI.info.version, ...listing },
    });
    await recordVersion(db, updated, null, existing);
    return 'updated';
  }
  let scope = idp.scopeFor(apiProductId);
  try {
    scope = (await idp.createApiProduct({ id: apiProductId, description: name })).scope;
  } catch (err) {
    if (!isIdpError(err, 'conflict')) throw err;
  }
  const row = await db.apiProduct.create({
    data: {
      apiProductId,
      slug,
      name,
      description,
      version: V1_OPENAPI.info.version,
      openapi,
      scope,
      ...listing,
    },
  });
  await recordVersion(db, row, null);
  return 'created';
}
