import { db } from '../lib/db';
import { demoMode, env } from '../lib/env';
import { idp } from '../lib/idp';
import { withLock } from '../lib/locks/with-lock';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { loadEnvFiles } from '../lib/server/load-env-files';
import { seedDemoProducts } from '../lib/seed/demo-products';
import { seedDemoUsers } from '../lib/seed/demo-users';
import { seedLanyardApiProduct } from '../lib/seed/lanyard-api-product';

// Demo data, only in demo mode (LANYARD_DEMO; on by default with the embedded
// IdP only). Idempotent, and race-free when several replicas start at once:
// they take turns under one lock, and the later ones find everything there.
async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const config = env();
  if (!demoMode(config).data) {
    console.log('Demo mode is off (LANYARD_DEMO=off): no demo people or products are seeded.');
    return;
  }
  await withLock(db(), 'seed', async () => {
    const users = config.LANYARD_IDP === 'embedded' ? await seedDemoUsers(db(), config.LANYARD_ADMIN_GROUP) : 0;
    const products = await seedDemoProducts(db(), idp());
    // The portal's own API, listed like any product (docs/architecture.md, "Automation").
    const own = await seedLanyardApiProduct(db(), idp());
    console.log(`Seeded ${users} demo user(s) and ${products} API product(s); the Lanyard API product: ${own}.`);
  });
  await db().$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
