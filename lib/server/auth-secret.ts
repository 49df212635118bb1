import 'server-only';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isPostgresUrl } from '../db-url';

// A fresh clone runs with no configuration: when NEXTAUTH_SECRET is not set,
// one is generated on first start and kept next to the database (.data/), so
// sessions and the embedded IdP's client survive restarts.

export function ensureAuthSecret(dataDir = path.resolve('.data')): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  // Several replicas share one PostgreSQL, and each would generate its own:
  // there, the secret must come from the environment (env.ts says so too).
  if (isPostgresUrl(process.env.DATABASE_URL ?? '')) {
    throw new Error('NEXTAUTH_SECRET must be set when DATABASE_URL is PostgreSQL: every replica must share it (openssl rand -base64 32).');
  }
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, 'utf8').trim();
  process.env.NEXTAUTH_SECRET = secret;
  return secret;
}
