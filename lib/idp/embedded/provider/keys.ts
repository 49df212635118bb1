import 'server-only';
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Db } from '../../../db';
import { decryptSetting, encryptSetting, isEncrypted } from './key-encryption';

// The embedded IdP's long-lived secrets, generated on first start and kept in
// the database (IdpSetting) so that tokens and cookies stay valid across
// restarts and replicas. Encrypted at rest when a key-encryption key is set
// (key-encryption.ts). Rotation (`npm run keys:rotate`) puts a new key first:
// the first key signs, and the old ones stay published in the JWKS (and keep
// verifying cookies) until everything they signed has expired, then drop out.

const SIGNING_KEYS = 'signing-keys';
const COOKIE_KEYS = 'cookie-keys';

/** How long a retired key stays published: the longest token (ID and access tokens, 1 h) plus leeway. */
export const SIGNING_KEY_GRACE_MS = 2 * 3600_000;
/** Cookies (the IdP session) live 8 hours. */
export const COOKIE_KEY_GRACE_MS = 9 * 3600_000;

interface KeyEntry<T> {
  key: T;
  createdAt: number;
  /** Epoch ms after which a retired key is dropped; absent while it is current or published. */
  retireAt?: number;
}

interface KeyOptions {
  /** LANYARD_KEY_ENCRYPTION_KEY, decoded. */
  kek?: Buffer;
  now?: number;
}

type Stored<T> = { entries: KeyEntry<T>[] };

function parse<T>(raw: string): Stored<T> {
  const value = JSON.parse(raw) as unknown;
  // Before rotation existed, a plain list of keys was stored.
  if (Array.isArray(value)) return { entries: (value as T[]).map((key) => ({ key, createdAt: 0 })) };
  return value as Stored<T>;
}

async function read<T>(db: Db, name: string, kek: Buffer | undefined): Promise<{ stored: Stored<T>; raw: string } | undefined> {
  const row = await db.idpSetting.findUnique({ where: { name } });
  return row ? { stored: parse<T>(decryptSetting(row.value, kek, name)), raw: row.value } : undefined;
}

function serialise<T>(stored: Stored<T>, kek: Buffer | undefined, name: string): string {
  const json = JSON.stringify(stored);
  return kek ? encryptSetting(json, kek, name) : json;
}

async function loadOrCreate<T>(db: Db, name: string, create: () => Promise<T>, options: KeyOptions): Promise<T[]> {
  const now = options.now ?? Date.now();
  let found = await read<T>(db, name, options.kek);
  if (!found) {
    const stored: Stored<T> = { entries: [{ key: await create(), createdAt: now }] };
    try {
      await db.idpSetting.create({ data: { name, value: serialise(stored, options.kek, name) } });
      return stored.entries.map((e) => e.key);
    } catch {
      // Another replica won the race on first start: use what it stored.
      found = (await read<T>(db, name, options.kek))!;
    }
  }
  // Keys stored in the clear before a key-encryption key was set are encrypted now.
  if (options.kek && !isEncrypted(found.raw)) {
    await db.idpSetting.update({ where: { name }, data: { value: serialise(found.stored, options.kek, name) } });
  }
  return found.stored.entries.filter((e) => e.retireAt === undefined || e.retireAt > now).map((e) => e.key);
}

/** Puts a new key first and retires the others after `graceMs`. Replicas pick it up when they restart. */
async function rotate<T>(db: Db, name: string, create: () => Promise<T>, graceMs: number, options: KeyOptions): Promise<{ kept: number }> {
  const now = options.now ?? Date.now();
  const found = await read<T>(db, name, options.kek);
  const old = (found?.stored.entries ?? []).filter((e) => e.retireAt === undefined || e.retireAt > now);
  const stored: Stored<T> = {
    entries: [{ key: await create(), createdAt: now }, ...old.map((e) => ({ ...e, retireAt: e.retireAt ?? now + graceMs }))],
  };
  await db.idpSetting.upsert({
    where: { name },
    create: { name, value: serialise(stored, options.kek, name) },
    update: { value: serialise(stored, options.kek, name) },
  });
  return { kept: old.length };
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: 'RS256', use: 'sig', kid: await calculateJwkThumbprint(jwk) };
}

const newCookieKey = async () => randomBytes(32).toString('base64url');

export function loadSigningKeys(db: Db, options: KeyOptions = {}): Promise<JWK[]> {
  return loadOrCreate(db, SIGNING_KEYS, newSigningKey, options);
}

export function loadCookieKeys(db: Db, options: KeyOptions = {}): Promise<string[]> {
  return loadOrCreate(db, COOKIE_KEYS, newCookieKey, options);
}

export async function rotateKeys(db: Db, options: KeyOptions = {}) {
  return {
    signing: await rotate(db, SIGNING_KEYS, newSigningKey, SIGNING_KEY_GRACE_MS, options),
    cookies: await rotate(db, COOKIE_KEYS, newCookieKey, COOKIE_KEY_GRACE_MS, options),
  };
}
