import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

// A stand-in issuer for the data-path tests: its own signing keys, a JWKS
// endpoint that counts fetches and can be rotated or taken down, and tokens
// with the embedded IdP's claim shape (RFC 9068: iss, sub, client_id, aud,
// scope, iat, exp, jti; typ at+jwt).

export type SigningAlg = 'RS256' | 'RS384' | 'PS256' | 'PS384' | 'ES256' | 'ES384' | 'EdDSA';

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface LocalIssuer {
  issuer: string;
  jwksUri: string;
  key: SigningKey;
  /** How many times the JWKS was fetched. */
  readonly fetches: number;
  /** Makes a new key and publishes it (alone, or beside the old one). */
  rotate(options?: { keepOld?: boolean; alg?: SigningAlg }): Promise<SigningKey>;
  /** Makes a key the JWKS does not publish (yet). */
  unpublishedKey(alg?: SigningAlg): Promise<SigningKey>;
  setAvailable(up: boolean): void;
  sign(claims?: JWTPayload, options?: { key?: SigningKey; header?: Record<string, unknown> }): Promise<string>;
  stop(): Promise<void>;
}

export async function newSigningKey(alg: SigningAlg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  let published: SigningKey[] = [await newSigningKey()];
  let fetches = 0;
  let available = true;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    if (!available) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const local: LocalIssuer = {
    issuer: `${base}/issuer`,
    jwksUri: `${base}/jwks`,
    key: published[0]!,
    get fetches() {
      return fetches;
    },
    async rotate({ keepOld = false, alg = 'RS256' } = {}) {
      const next = await newSigningKey(alg);
      published = keepOld ? [...published, next] : [next];
      local.key = next;
      return next;
    },
    unpublishedKey: (alg = 'RS256') => newSigningKey(alg),
    setAvailable(up) {
      available = up;
    },
    async sign(claims = {}, { key = local.key, header = {} } = {}) {
      const now = Math.floor(Date.now() / 1000);
      // A claim given as undefined is left out of the token.
      return new SignJWT({
        iss: local.issuer,
        sub: 'lyd_client',
        client_id: 'lyd_client',
        scope: 'tracks',
        iat: now,
        exp: now + 3600,
        jti: Math.random().toString(36).slice(2),
        ...claims,
      })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header })
        .sign(key.privateKey);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return local;
}

/** A JWT with `alg: none` (RFC 7519 §6): header and claims, empty signature. */
export function unsecuredToken(claims: JWTPayload): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
