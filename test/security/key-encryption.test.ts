import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSetting, encryptSetting, loadCookieKeys, loadSigningKeys, rotateKeys, SIGNING_KEY_GRACE_MS } from '@/lib/idp/embedded';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The embedded IdP's private keys at rest: encrypted with the key-encryption
// key when one is set, and rotated with the old key kept until what it signed
// has expired.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const kek = randomBytes(32);

describe('key encryption', () => {
  it('round-trips, and refuses a wrong key, a tampered ciphertext or another setting’s name', () => {
    const sealed = encryptSetting('{"d":"private"}', kek, 'signing-keys');
    expect(sealed).not.toContain('private');
    expect(decryptSetting(sealed, kek, 'signing-keys')).toBe('{"d":"private"}');
    expect(() => decryptSetting(sealed, randomBytes(32), 'signing-keys')).toThrow(/not the key they were encrypted with/);
    expect(() => decryptSetting(sealed, kek, 'cookie-keys')).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => decryptSetting(tampered, kek, 'signing-keys')).toThrow();
    expect(() => decryptSetting(sealed, undefined, 'signing-keys')).toThrow(/set LANYARD_KEY_ENCRYPTION_KEY/);
  });

  it('stores no private key material in the clear once a key-encryption key is set, and encrypts old plain rows', async () => {
    const plain = await loadSigningKeys(t.db);
    expect((await t.db.idpSetting.findUniqueOrThrow({ where: { name: 'signing-keys' } })).value).toContain('"d"');
    const again = await loadSigningKeys(t.db, { kek });
    expect(again.map((k) => k.kid)).toEqual(plain.map((k) => k.kid));
    const row = await t.db.idpSetting.findUniqueOrThrow({ where: { name: 'signing-keys' } });
    expect(row.value).toMatch(/^aes256gcm:/);
    expect(row.value).not.toContain(plain[0]!.d!);
    await expect(loadSigningKeys(t.db)).rejects.toThrow(/LANYARD_KEY_ENCRYPTION_KEY/);
  });
});

describe('rotation', () => {
  it('signs with the new key at once and publishes the old one until its grace period ends', async () => {
    const now = Date.now();
    const before = await loadSigningKeys(t.db, { kek, now });
    const cookiesBefore = await loadCookieKeys(t.db, { kek, now });
    await rotateKeys(t.db, { kek, now });
    const after = await loadSigningKeys(t.db, { kek, now: now + 1000 });
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]!.kid).not.toBe(before[0]!.kid);
    expect(after.slice(1).map((k) => k.kid)).toEqual(before.map((k) => k.kid));
    expect((await loadCookieKeys(t.db, { kek, now: now + 1000 })).slice(1)).toEqual(cookiesBefore);
    const later = await loadSigningKeys(t.db, { kek, now: now + SIGNING_KEY_GRACE_MS + 1 });
    expect(later.map((k) => k.kid)).toEqual([after[0]!.kid]);
  });
});
