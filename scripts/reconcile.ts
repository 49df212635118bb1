import { userInfo } from 'node:os';
import { db } from '../lib/db';
import { reconcileReport } from '../lib/drift/format';
import { reconcile } from '../lib/drift/reconcile';
import { idp } from '../lib/idp';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { loadEnvFiles } from '../lib/server/load-env-files';

// `npm run reconcile [-- --dry-run] [--delete-extra-products] [--json]`:
// the drift report, then make the IdP match the portal (lib/drift). Prints a
// table (or JSON); exits 1 when an action failed, 2 on bad arguments. Every
// change is audited with the actor `reconcile-cli:<os user>`. Run it against the same
// DATABASE_URL and IdP settings as the portal (.env, .env.local).

const USAGE = 'usage: npm run reconcile -- [--dry-run] [--delete-extra-products] [--json]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const known = new Set(['--dry-run', '--delete-extra-products', '--json', '--help', '-h']);
  const unknown = args.filter((a) => !known.has(a));
  if (unknown.length || args.includes('--help') || args.includes('-h')) {
    (unknown.length ? console.error : console.log)(unknown.length ? `Unknown argument ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return unknown.length ? 2 : 0;
  }
  loadEnvFiles();
  ensureAuthSecret();
  const actor = { id: null, email: `reconcile-cli:${userInfo().username}` };
  const result = await reconcile(db(), idp(), actor, {
    dryRun: args.includes('--dry-run'),
    deleteExtraProducts: args.includes('--delete-extra-products'),
  });
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(reconcileReport(result));
  if (!result.ok)
    console.error(
      `\n${result.actions.filter((a) => a.status === 'failed').length} action(s) failed; see the table above and the audit log.`,
    );
  return result.ok ? 0 : 1;
}

main()
  .then(async (code) => {
    await db()
      .$disconnect()
      .catch(() => undefined);
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error('Reconcile failed:', err instanceof Error ? err.message : err);
    await db()
      .$disconnect()
      .catch(() => undefined);
    process.exit(1);
  });
