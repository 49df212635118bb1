import { createHash, timingSafeEqual } from 'node:crypto';

// Bearer authentication of SPI callers (RFC 6750 §2.1). The configured token
// and the presented one are both hashed to 32 bytes first, so the comparison
// takes the same time whatever the presented token's length or content.

export const MIN_BEARER_TOKEN_LENGTH = 32;

export type BearerCheck = 'ok' | 'missing' | 'invalid';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function bearerChecker(configured: string): (authorization: string | null) => BearerCheck {
  if (typeof configured !== 'string' || configured.length < MIN_BEARER_TOKEN_LENGTH || /\s/.test(configured)) {
    throw new Error(
      `The SPI bearer token must be at least ${MIN_BEARER_TOKEN_LENGTH} characters without spaces (e.g. openssl rand -base64 32)`,
    );
  }
  const expected = digest(configured);
  return (authorization) => {
    if (!authorization) return 'missing';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match) return 'invalid';
    return timingSafeEqual(digest(match[1]!), expected) ? 'ok' : 'invalid';
  };
}

export function bearerChallenge(check: Exclude<BearerCheck, 'ok'>): string {
  return check === 'missing' ? 'Bearer realm="lanyard-spi"' : 'Bearer realm="lanyard-spi", error="invalid_token"';
}
