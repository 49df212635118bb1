import type { Db } from '../db';
import { hashPassword } from '../idp/embedded';

// The embedded IdP's demo people. Passwords are documented in the README; they
// are stored only as scrypt hashes.

export const DEMO_USERS = [
  { id: 'demo-dev', email: 'dev@example.com', name: 'Dee Veloper', password: 'lanyard-dev', groups: ['developers'] },
  { id: 'demo-admin', email: 'admin@example.com', name: 'Ada Admin', password: 'lanyard-admin', groups: ['developers', 'ADMIN_GROUP'] },
] as const;

/** Creates missing demo users; keeps existing ones (and their passwords) as they are. */
export async function seedDemoUsers(db: Db, adminGroup: string): Promise<number> {
  let created = 0;
  for (const user of DEMO_USERS) {
    if (await db.idpUser.findUnique({ where: { email: user.email } })) continue;
    const groups = user.groups.map((g) => (g === 'ADMIN_GROUP' ? adminGroup : g));
    await db.idpUser.create({
      data: {
        id: user.id,
        email: user.email,
        name: user.name,
        passwordHash: await hashPassword(user.password),
        groups: JSON.stringify(groups),
      },
    });
    created += 1;
  }
  return created;
}
