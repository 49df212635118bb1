import 'server-only';
import type { Account, FindAccount } from 'oidc-provider';
import type { Db } from '../../../db';
import { verifyPassword } from './password';

// The embedded IdP's people: its `findAccount` and the password check its
// sign-in page uses. Claims follow OIDC Core §5.1, plus `groups`.

export interface IdpPerson {
  id: string;
  email: string;
  name: string;
  groups: string[];
}

function toPerson(row: { id: string; email: string; name: string; groups: string }): IdpPerson {
  return { id: row.id, email: row.email, name: row.name, groups: JSON.parse(row.groups) as string[] };
}

export function findAccountIn(db: () => Db): FindAccount {
  return async (_ctx, sub): Promise<Account | undefined> => {
    const row = await db().idpUser.findUnique({ where: { id: sub } });
    // A disabled person's sessions and grants no longer find an account.
    if (!row || row.disabledAt) return undefined;
    const person = toPerson(row);
    return {
      accountId: person.id,
      async claims() {
        return {
          sub: person.id,
          email: person.email,
          email_verified: true,
          name: person.name,
          groups: person.groups,
        };
      },
    };
  };
}

// Compared against when the email is unknown, so a wrong email and a wrong
// password take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The person, when the password is theirs and their account is usable (not disabled, a password set). */
export async function authenticate(db: Db, email: string, password: string): Promise<IdpPerson | null> {
  const row = await db.idpUser.findUnique({ where: { email: email.trim().toLowerCase() } });
  const usable = row && !row.disabledAt && row.passwordHash;
  const ok = await verifyPassword(password, usable ? row.passwordHash : DUMMY_HASH);
  return usable && ok ? toPerson(row) : null;
}
