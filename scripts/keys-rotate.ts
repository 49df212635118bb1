import { db } from '../lib/db';
import { env } from '../lib/env';
import { kekFrom, rotateKeys, SIGNING_KEY_GRACE_MS } from '../lib/idp/embedded';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { loadEnvFiles } from '../lib/server/load-env-files';

// `npm run keys:rotate`: a new signing key and a new cookie key for the
// embedded IdP. The new ones take over when each portal process restarts
// (roll the deployment); the old ones stay published and keep verifying until
// everything they signed has expired (docs/security.md, "Keys at rest").

async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const result = await rotateKeys(db(), { kek: kekFrom(env().LANYARD_KEY_ENCRYPTION_KEY) });
  console.log(
    `Rotated the embedded IdP's keys: ${result.signing.kept} previous signing key(s) stay published for ${SIGNING_KEY_GRACE_MS / 3_600_000} h.`,
  );
  console.log('Restart every portal process (roll the deployment) so that they sign with the new key.');
  await db().$disconnect();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
