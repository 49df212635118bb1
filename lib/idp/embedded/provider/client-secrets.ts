import 'server-only';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { StoredSecret } from './client-metadata';

// Client secrets are never stored: a client keeps SHA-256 hashes of up to two
// live secrets (two during a rotation, RFC 6749 §2.3.1 leaves the number to
// the server). oidc-provider compares `client_secret` in plain text through
// Client#compareClientSecret; we replace that one method so authentication
// checks the presented secret against the stored hashes instead.

export function newClientSecret(): { secret: string; stored: StoredSecret } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, stored: { id: randomUUID(), sha256: hashSecret(secret), created_at: nowSeconds() } };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function secretMatches(presented: string, stored: readonly StoredSecret[]): boolean {
  const digest = Buffer.from(hashSecret(presented), 'base64url');
  // Check every entry, so timing says nothing about which one matched.
  let matched = false;
  for (const entry of stored) {
    const candidate = Buffer.from(entry.sha256, 'base64url');
    if (candidate.length === digest.length && timingSafeEqual(candidate, digest)) matched = true;
  }
  return matched;
}

/**
 * A value for oidc-provider's mandatory `client_secret` field that is never
 * handed to anyone and never compared: the hashes above are what counts.
 */
export function unusableSecretPlaceholder(): string {
  return `unused:${randomBytes(32).toString('base64url')}`;
}

export function installHashedSecretCheck(provider: Provider): void {
  const proto = provider.Client.prototype as unknown as {
    compareClientSecret(this: { clientSecret?: string; lanyard_secrets?: StoredSecret[] }, actual: string): boolean | Promise<boolean>;
  };
  const original = proto.compareClientSecret;
  proto.compareClientSecret = function compareHashedSecret(actual) {
    // Clients Lanyard manages carry hashes; the portal's own static client
    // (configured in code) keeps the library's comparison.
    if (this.lanyard_secrets) return secretMatches(actual, this.lanyard_secrets);
    return original.call(this, actual);
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
