import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db';
import { isIdpError } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';
import { documentFacts, productListing } from '../products/listing';

// The two demo API products, each with the OpenAPI document kept in
// prisma/seed/, and their plans. Seeding is idempotent: existing products are
// left alone (a product that has no plans yet gets the demo ones), and the
// IdP is asked to know each product's scope only if it does not already.

const SEED_DIR = path.resolve(process.cwd(), 'prisma/seed');

export const DEMO_PRODUCTS = [
  {
    apiProductId: 'tracks',
    slug: 'tracks',
    name: 'Tracks API',
    description: 'Learning tracks of the Catstronomy academy: list tracks, read one, and list its modules.',
    file: 'tracks.openapi.json',
    approvalRequired: false,
    plans: [
      {
        key: 'starter',
        name: 'Starter',
        description: 'For building and testing an integration.',
        rate: [10, 'minute'],
        quota: [1_000, 'day'],
        approvalRequired: false,
        isDefault: true,
      },
      {
        key: 'sandbox',
        name: 'Sandbox',
        description: 'A tiny allowance, to see the limits at work.',
        rate: [3, 'minute'],
        quota: [100, 'day'],
        approvalRequired: false,
        isDefault: false,
      },
      {
        key: 'partner',
        name: 'Partner',
        description: 'Production traffic for partners; an admin approves it.',
        rate: [50, 'second'],
        quota: [1_000_000, 'month'],
        approvalRequired: true,
        isDefault: false,
      },
    ],
  },
  {
    apiProductId: 'petstore',
    slug: 'petstore',
    name: 'Petstore API',
    description: 'Pets, the store’s inventory and its users: the classic Petstore as an API product.',
    file: 'petstore.openapi.json',
    approvalRequired: false,
    plans: [
      {
        key: 'free',
        name: 'Free',
        description: 'Enough for a small shop.',
        rate: [60, 'minute'],
        quota: [10_000, 'month'],
        approvalRequired: false,
        isDefault: true,
      },
      {
        key: 'pro',
        name: 'Pro',
        description: 'No quota; an admin approves it.',
        rate: [20, 'second'],
        quota: null,
        approvalRequired: true,
        isDefault: false,
      },
    ],
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
    if (existing) {
      if ((await db.plan.count({ where: { productId: existing.id } })) === 0) await seedPlans(db, existing.id, product.plans);
      continue;
    }
    const row = await db.apiProduct.create({
      data: {
        apiProductId: product.apiProductId,
        slug: product.slug,
        name: product.name,
        description: product.description,
        version,
        openapi: JSON.stringify(JSON.parse(openapi)),
        approvalRequired: product.approvalRequired,
        scope,
        ...productListing(product, documentFacts(JSON.parse(openapi))),
      },
    });
    await seedPlans(db, row.id, product.plans);
    created += 1;
  }
  return created;
}

type DemoPlan = (typeof DEMO_PRODUCTS)[number]['plans'][number];

async function seedPlans(db: Db, productId: string, plans: readonly DemoPlan[]): Promise<void> {
  for (const plan of plans) {
    await db.plan.create({
      data: {
        productId,
        key: plan.key,
        name: plan.name,
        description: plan.description,
        rateLimit: plan.rate[0],
        rateWindow: plan.rate[1],
        quotaLimit: plan.quota?.[0] ?? null,
        quotaWindow: plan.quota?.[1] ?? null,
        approvalRequired: plan.approvalRequired,
        isDefault: plan.isDefault,
      },
    });
  }
}
