import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataPathCheck } from '@/lib/data-path';
import type { IdpAdapter } from '@/lib/idp/types';
import { verifyToken } from '@/lib/token-tool/token-actions';
import { startLocalIssuer, unsecuredToken, type LocalIssuer, type SigningAlg, type SigningKey } from '../data-path/local-issuer';

// The token tool's "verify" accepts exactly the algorithms the data-path
// check does: a token the gateway would admit never shows as invalid in the
// portal, and one it would refuse never shows as valid.

let issuer: LocalIssuer;
let idp: IdpAdapter;
const ALGS: SigningAlg[] = ['RS256', 'RS384', 'PS384', 'ES384', 'EdDSA'];
const keys = new Map<SigningAlg, SigningKey>();

beforeAll(async () => {
  issuer = await startLocalIssuer();
  // Every key is published before the first fetch, so both JWKS caches see them all.
  for (const alg of ALGS) keys.set(alg, await issuer.rotate({ keepOld: true, alg }));
  idp = { discovery: async () => ({ issuer: issuer.issuer, jwksUri: issuer.jwksUri }) } as unknown as IdpAdapter;
});
afterAll(() => issuer.stop());

describe('token tool verify', () => {
  it.each(ALGS)('accepts %s, as the data path does', async (alg) => {
    const token = await issuer.sign({}, { key: keys.get(alg)! });
    expect(await verifyToken(idp, token)).toMatchObject({ valid: true });
    const check = createDataPathCheck({ issuer: issuer.issuer, jwksUri: issuer.jwksUri, scopeClaim: 'scope' });
    expect(await check.check(`Bearer ${token}`, 'tracks')).toMatchObject({ allow: true });
  });

  it('refuses an unsigned token', async () => {
    const result = await verifyToken(idp, unsecuredToken({ iss: issuer.issuer, exp: Math.floor(Date.now() / 1000) + 60 }));
    expect(result.valid).toBe(false);
  });
});
