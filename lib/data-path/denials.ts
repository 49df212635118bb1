import type { DeniedRequest } from './types';

// Every refusal the check can give, built once (RFC 6750 §3.1):
// - no credentials: 401, and the challenge carries no error code;
// - a token that is malformed, expired, not yet valid, from another issuer,
//   signed with a disallowed algorithm or an unknown key, or for another
//   audience: 401 invalid_token;
// - a valid token without the product's scope: 403 insufficient_scope.
// Descriptions never quote the token and fit an `error_description`
// (%x20-21 / %x23-5B / %x5D-7E).

function invalidToken(description: string): DeniedRequest {
  return Object.freeze({ allow: false, status: 401, error: 'invalid_token', description });
}

export const denials = {
  noCredentials: Object.freeze({
    allow: false,
    status: 401,
    error: 'invalid_request',
    description: 'a bearer access token is required',
    noCredentials: true,
  }) as DeniedRequest,
  malformed: invalidToken('the access token is not a well-formed JWT'),
  tooLarge: invalidToken('the access token is too large'),
  expired: invalidToken('the access token has expired'),
  notYetValid: invalidToken('the access token is not valid yet'),
  noExpiry: invalidToken('the access token has no expiry'),
  wrongIssuer: invalidToken('the access token was not issued by the expected issuer'),
  badClaims: invalidToken('the access token has invalid claims'),
  algorithmNotAllowed: invalidToken('the access token is signed with an algorithm that is not allowed'),
  unknownKey: invalidToken('the access token is signed with a key the issuer does not publish'),
  badSignature: invalidToken('the access token signature is invalid'),
  wrongAudience: invalidToken('the access token is not meant for this API'),
  unknownProduct: Object.freeze({
    allow: false,
    status: 403,
    error: 'invalid_request',
    description: 'the request names no API product this gateway knows',
  }) as DeniedRequest,
} as const;

export function insufficientScope(productId: string, scope: string): DeniedRequest {
  return Object.freeze({
    allow: false,
    status: 403,
    error: 'insufficient_scope',
    description: `the access token does not grant the scope of API product ${safeText(productId)}`,
    scope,
  });
}

/** Drops the characters an RFC 6750 quoted attribute may not hold. */
export function safeText(text: string): string {
  return text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '');
}

/** Maps a jose (or JWKS) failure to its refusal. */
export function denialFor(error: unknown): DeniedRequest {
  const { code, claim, reason } = (error ?? {}) as { code?: string; claim?: string; reason?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return denials.expired;
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf') return denials.notYetValid;
      if (claim === 'iss') return denials.wrongIssuer;
      if (claim === 'exp' && reason === 'missing') return denials.noExpiry;
      return denials.badClaims;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return denials.algorithmNotAllowed;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return denials.badSignature;
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return denials.unknownKey;
    default:
      // ERR_JWS_INVALID, ERR_JWT_INVALID, ERR_JOSE_NOT_SUPPORTED, bad base64 or JSON…
      return denials.malformed;
  }
}
