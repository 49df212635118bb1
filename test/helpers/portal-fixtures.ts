import type { Db } from '@/lib/db';
import type { IdpAdapter } from '@/lib/idp/types';
import { documentFacts, productListing } from '@/lib/products/listing';

// Portal-side records the journey tests need: people and published products.

export async function addPortalUser(db: Db, email: string, isAdmin = false) {
  return db.user.create({ data: { email, name: email.split('@')[0], isAdmin } });
}

const MINIMAL_OPENAPI = JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {} });

/** Publishes a product the way the admin console does: IdP scope first, then the catalog row. */
export async function publishProduct(db: Db, idp: IdpAdapter, apiProductId: string, options: { approvalRequired?: boolean } = {}) {
  const created = await idp.createApiProduct({ id: apiProductId, description: `${apiProductId} API` });
  const name = `${apiProductId} API`;
  return db.apiProduct.create({
    data: {
      apiProductId,
      slug: apiProductId.replace(/[^a-z0-9-]/gi, '-').toLowerCase(),
      name,
      ...productListing({ name, apiProductId, description: '' }, documentFacts(JSON.parse(MINIMAL_OPENAPI))),
      openapi: MINIMAL_OPENAPI,
      approvalRequired: options.approvalRequired ?? false,
      scope: created.scope,
    },
  });
}
