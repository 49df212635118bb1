import { parseArgs } from 'node:util';
import { db } from '../lib/db';
import { env } from '../lib/env';
import { ensureAuthSecret } from '../lib/server/auth-secret';
import { loadEnvFiles } from '../lib/server/load-env-files';
import { createPasswordLink } from '../lib/people/password-links';
import { createPersonSchema } from '../lib/people/schemas';
import { SYSTEM_ACTOR } from '../lib/audit/record-audit-event';
import { createIdpPerson } from '../lib/people/manage-people';

// `npm run admin:create -- --email you@example.com [--name "Your Name"] [--reset]`
// The first admin of a production portal on the embedded IdP (no demo
// accounts there): creates the account in the admin group and prints a
// one-time link to set its password. --reset prints a new link for an
// existing account instead. Exits 1 with a reason when it cannot.

const usage = 'usage: npm run admin:create -- --email <email> [--name <name>] [--reset]';

async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const config = env();
  if (config.LANYARD_IDP !== 'embedded')
    throw new Error(`LANYARD_IDP is ${config.LANYARD_IDP}: admins are the members of ${config.LANYARD_ADMIN_GROUP} in that IdP.`);
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, reset: { type: 'boolean', default: false } },
  });
  if (!values.email) throw new Error(usage);
  const input = createPersonSchema.parse({ email: values.email, name: values.name ?? values.email.split('@')[0], admin: true });
  const actor = { ...SYSTEM_ACTOR, email: 'admin-create-cli' };
  const existing = await db().idpUser.findUnique({ where: { email: input.email } });
  if (existing && !values.reset) throw new Error(`${input.email} already has an account; add --reset for a new set-password link.`);
  const link = existing
    ? await createPasswordLink(db(), existing.id, config.LANYARD_URL)
    : await createIdpPerson(db(), { id: actor.id ?? 'system', email: actor.email }, input, {
        adminGroup: config.LANYARD_ADMIN_GROUP,
        portalUrl: config.LANYARD_URL,
      });
  const url = 'url' in link ? link.url : link.setPasswordUrl;
  console.log(
    `${existing ? 'A new' : 'Created the admin account'} ${input.email}${existing ? ' set-password link' : ''}. Open this link once, within 24 hours, to set the password:\n\n  ${url}\n`,
  );
  await db().$disconnect();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
