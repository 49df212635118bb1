import { compactVerify, errors, type CompactVerifyGetKey, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';

// The hot path's JWT verification: jose checks the signature (algorithm
// allow-list, key type, `crit`), and the time claims are checked here with a
// few comparisons instead of jose's generic JWT claims pass, which costs ~10%
// of a verification. Failures are jose's own error classes, so denials.ts maps
// them the same way. `iss`, `aud` and the presence of `exp` are checked by the
// caller (create-check.ts).

const decoder = new TextDecoder();

export async function verifyJwt(
  token: string,
  key: CryptoKey | KeyObject | Uint8Array | CompactVerifyGetKey,
  options: { algorithms: string[]; clockToleranceSeconds: number; nowMs: number },
): Promise<JWTPayload> {
  const { payload: bytes } = await compactVerify(token, key as CryptoKey, { algorithms: options.algorithms });
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  const claims = payload as JWTPayload;
  const now = Math.floor(options.nowMs / 1000);
  const tolerance = options.clockToleranceSeconds;
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    if (claims[name] !== undefined && typeof claims[name] !== 'number') {
      throw new errors.JWTClaimValidationFailed(`"${name}" claim must be a number`, claims, name, 'invalid');
    }
  }
  if (claims.nbf !== undefined && claims.nbf > now + tolerance) {
    throw new errors.JWTClaimValidationFailed('"nbf" claim timestamp check failed', claims, 'nbf', 'check_failed');
  }
  if (claims.exp !== undefined && claims.exp <= now - tolerance) {
    throw new errors.JWTExpired('"exp" claim timestamp check failed', claims, 'exp', 'check_failed');
  }
  return claims;
}
