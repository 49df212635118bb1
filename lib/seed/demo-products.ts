import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db';
import { isIdpError } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';

// The two demo API products, each with the OpenAPI document kept in
// prisma/seed/. Seeding is idempotent: existing products are left alone, and
// the IdP is asked to know each product's scope only if it does not already.

const SEED_DIR = path.resolve(process.cwd(), 'prisma/seed');

export const DEMO_PRODUCTS = [
  {
    apiProductId: 'tracks',
    slug: 'tracks',
    name: 'Tracks API',
    description: 'Learning tracks of the Catstronomy academy: list tracks, read one, and list its modules.',
    file: 'tracks.openapi.json',
    approvalRequired: false,
  },
  {
    apiProductId: 'petstore',
    slug: 'petstore',
    name: 'Petstore API',
    description: 'Pets, the store’s inventory and its users: the classic Petstore as an API product.',
    file: 'petstore.openapi.json',
    approvalRequired: false,
  },
] as const;

export async function seedDemoProducts(db: Db, idp: IdpAdapter): Promise<number> {
  let created = 0;
  for (const product of DEMO_PRODUCTS) {
    const openapi = readFileSync(path.join(SEED_DIR, product.file), 'utf8');
    const version = (JSON.parse(openapi) as { info: { version: string } }).info.version;
    let scope = idp.scopeFor(product.apiProductId);
    try {
      scope = (await idp.createApiProduct({ id: product.apiProductId, description: product.name })).scope;
    } catch (err) {
      if (!isIdpError(err, 'conflict')) throw err;
    }
    const existing = await db.apiProduct.findUnique({ where: { apiProductId: product.apiProductId } });
    if (existing) continue;
    await db.apiProduct.create({
      data: {
        apiProductId: product.apiProductId,
        slug: product.slug,
        name: product.name,
        description: product.description,
        version,
        openapi: JSON.stringify(JSON.parse(openapi)),
        approvalRequired: product.approvalRequired,
        scope,
      },
    });
    created += 1;
  }
  return created;
}
