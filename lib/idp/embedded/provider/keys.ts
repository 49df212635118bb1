import 'server-only';
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Db } from '../../../db';

// The embedded IdP's long-lived secrets, generated on first start and kept in
// the database so that tokens and cookies stay valid across restarts.

const SIGNING_KEYS = 'signing-keys';
const COOKIE_KEYS = 'cookie-keys';

async function loadOrCreate<T>(db: Db, name: string, create: () => Promise<T>): Promise<T> {
  const existing = await db.idpSetting.findUnique({ where: { name } });
  if (existing) return JSON.parse(existing.value) as T;
  const value = await create();
  try {
    await db.idpSetting.create({ data: { name, value: JSON.stringify(value) } });
    return value;
  } catch {
    // Another process won the race on first start: use what it stored.
    const winner = await db.idpSetting.findUniqueOrThrow({ where: { name } });
    return JSON.parse(winner.value) as T;
  }
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: 'RS256', use: 'sig', kid: await calculateJwkThumbprint(jwk) };
}

export function loadSigningKeys(db: Db): Promise<JWK[]> {
  return loadOrCreate(db, SIGNING_KEYS, async () => [await newSigningKey()]);
}

export function loadCookieKeys(db: Db): Promise<string[]> {
  return loadOrCreate(db, COOKIE_KEYS, async () => [randomBytes(32).toString('base64url')]);
}
