import { z } from 'zod';

// The public keys a service app registers for private_key_jwt (RFC 7523 §2.2):
// a JWK Set pasted as JSON, or the https URL the IdP fetches it from. Only
// public keys are accepted, and only kinds every supported IdP verifies:
// RSA of 2048 bits or more (RS256) and EC P-256 (ES256). Each key needs a
// `kid` (Okta refuses a second key without one, and assertions name the key).
// A JWKS URI must be public https: the IdP fetches it, and oidc-provider
// refuses private addresses anyway.

const MAX_KEYS = 5;
const MAX_JWKS_BYTES = 16 * 1024;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const B64URL = /^[A-Za-z0-9_-]+$/;

function keyProblem(key: Record<string, unknown>): string | undefined {
  const secret = PRIVATE_MEMBERS.find((m) => m in key);
  if (secret) return `holds a private part ("${secret}"): paste the public key only, and never share the private one`;
  if (typeof key.kid !== 'string' || !key.kid || key.kid.length > 200) return 'needs a "kid" (key id) of at most 200 characters';
  if (key.use !== undefined && key.use !== 'sig') return 'must be a signing key ("use": "sig")';
  if (key.kty === 'RSA') {
    if (typeof key.n !== 'string' || !B64URL.test(key.n) || typeof key.e !== 'string' || !B64URL.test(key.e))
      return 'is an RSA key without a valid "n" and "e"';
    if (Math.floor((key.n.length * 6) / 8) < 256) return 'is an RSA key shorter than 2048 bits';
    if (key.alg !== undefined && key.alg !== 'RS256') return 'must be for RS256 ("alg"), which every supported IdP verifies';
    return undefined;
  }
  if (key.kty === 'EC') {
    if (key.crv !== 'P-256') return 'is an EC key on a curve other than P-256';
    if (typeof key.x !== 'string' || !B64URL.test(key.x) || typeof key.y !== 'string' || !B64URL.test(key.y))
      return 'is an EC key without a valid "x" and "y"';
    if (key.alg !== undefined && key.alg !== 'ES256') return 'must be for ES256 ("alg")';
    return undefined;
  }
  return 'must be an RSA or EC (P-256) public key ("kty")';
}

const jwkSetShape = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }, { error: 'Paste a JWK Set: {"keys": [ … ]}' });

export const jwksSchema = z
  .preprocess((value) => {
    if (typeof value !== 'string') return value;
    if (value.length > MAX_JWKS_BYTES) return { tooLarge: true };
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, jwkSetShape.passthrough())
  .superRefine((set, ctx) => {
    if ('tooLarge' in set || JSON.stringify(set).length > MAX_JWKS_BYTES) {
      ctx.addIssue({ code: 'custom', message: 'The JWK Set is too large (16 KB at most)' });
      return;
    }
    if (!set.keys.length) ctx.addIssue({ code: 'custom', message: 'The JWK Set has no keys' });
    if (set.keys.length > MAX_KEYS) ctx.addIssue({ code: 'custom', message: `Register at most ${MAX_KEYS} keys` });
    const kids = new Set<unknown>();
    set.keys.forEach((key, i) => {
      const problem = keyProblem(key);
      if (problem) ctx.addIssue({ code: 'custom', message: `Key ${i + 1} ${problem}` });
      if (kids.has(key.kid)) ctx.addIssue({ code: 'custom', message: `Key ${i + 1} repeats the kid ${String(key.kid)}` });
      kids.add(key.kid);
    });
  })
  // Only the public members travel on: whatever else was pasted is dropped.
  .transform((set) => ({
    keys: set.keys.map((k) =>
      Object.fromEntries(Object.entries(k).filter(([name]) => ['kty', 'kid', 'use', 'alg', 'n', 'e', 'crv', 'x', 'y'].includes(name))),
    ),
  }));

const PRIVATE_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal|\[.*\]|\d+\.\d+\.\d+\.\d+)$/i;

export const jwksUriSchema = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((value, ctx) => {
    const url = URL.parse(value);
    const problem = !url
      ? 'must be an absolute https URL'
      : url.protocol !== 'https:'
        ? 'must use https: the identity provider fetches your keys from it'
        : url.hash || value.includes('#')
          ? 'may not contain a fragment (#…)'
          : url.username || url.password
            ? 'may not contain a user name or password'
            : PRIVATE_HOST.test(url.hostname)
              ? 'must be on a public host name (not localhost, an IP address or an internal name): the identity provider fetches it'
              : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: `The JWKS URL ${problem}` });
  });

/** The snippet's and the token tool's assertion algorithm for a key. */
export function assertionAlgFor(key: Record<string, unknown>): 'RS256' | 'ES256' {
  return key.kty === 'EC' ? 'ES256' : 'RS256';
}
