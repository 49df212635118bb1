import { db } from '../lib/db';
import { env } from '../lib/env';
import { idp } from '../lib/idp';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { loadEnvFiles } from '../lib/server/load-env-files';
import { seedDemoProducts } from '../lib/seed/demo-products';
import { seedDemoUsers } from '../lib/seed/demo-users';

// Idempotent: run it any number of times.
async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const config = env();
  const users = config.LANYARD_IDP === 'embedded' ? await seedDemoUsers(db(), config.LANYARD_ADMIN_GROUP) : 0;
  const products = await seedDemoProducts(db(), idp());
  console.log(`Seeded ${users} demo user(s) and ${products} API product(s).`);
  await db().$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
