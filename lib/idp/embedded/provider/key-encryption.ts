import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// The embedded IdP's private signing keys and cookie keys, encrypted at rest
// with a key-encryption key from the environment (LANYARD_KEY_ENCRYPTION_KEY,
// 32 bytes): AES-256-GCM with a fresh 96-bit IV per write, and the setting's
// name as additional data, so a ciphertext cannot be moved to another
// setting. A copy of the database then holds no usable key.

const PREFIX = 'aes256gcm:';

export class KeyEncryptionError extends Error {
  override name = 'KeyEncryptionError';
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function encryptSetting(plaintext: string, kek: Buffer, name: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.')}`;
}

export function decryptSetting(stored: string, kek: Buffer | undefined, name: string): string {
  if (!isEncrypted(stored)) return stored;
  if (!kek)
    throw new KeyEncryptionError(
      `The embedded IdP's ${name} are encrypted: set LANYARD_KEY_ENCRYPTION_KEY to the key they were encrypted with.`,
    );
  const [iv, tag, data] = stored
    .slice(PREFIX.length)
    .split('.')
    .map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) throw new KeyEncryptionError(`The embedded IdP's ${name} are damaged.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyEncryptionError(
      `LANYARD_KEY_ENCRYPTION_KEY cannot decrypt the embedded IdP's ${name}: it is not the key they were encrypted with.`,
    );
  }
}

export function kekFrom(value: string | undefined): Buffer | undefined {
  return value ? Buffer.from(value, 'base64') : undefined;
}
