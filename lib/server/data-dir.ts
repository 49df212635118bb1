import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

// .data/ holds the SQLite database and the generated auth secret: readable by
// the portal's own user only (0700; files 0600), since the database holds the
// IdP's private keys (encrypted only when a key-encryption key is set) and
// session hashes. With PostgreSQL nothing is written here.

export const DATA_DIR = '.data';

export function ensurePrivateDataDir(dir = DATA_DIR): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (/\.db(-wal|-shm|-journal)?$/.test(name) || name === 'auth-secret') chmodSync(file, 0o600);
  }
}

export const dataDirExists = (dir = DATA_DIR) => existsSync(dir);
