import { errors, type JWSHeaderParameters, type JWTPayload } from 'jose';
import { verifyJwt } from './verify-jwt';
import { bearerToken } from './bearer-token';
import { denialFor, denials } from './denials';
import { ASYMMETRIC_ALGORITHMS, JwksCache, JwksUnavailableError, type SoleKey } from './jwks-cache';
import { ProductRules, type ProductRule } from './product-rules';
import { audienceIn, audienceIs, grantedAccess } from './token-claims';
import type { CheckResult, DataPathCheck, DataPathCheckConfig } from './types';
import { VerifiedTokenCache, type VerifiedToken } from './verified-token-cache';

// The data-path check (docs/architecture.md, "The data path"): a bearer JWT is admitted to an API
// product when its signature verifies against the issuer's JWKS with an
// allowed asymmetric algorithm, `iss` matches, `exp`/`nbf` hold (with leeway),
// `aud` names this API where an audience is configured, and its scopes hold
// the product's scope. Verified tokens are cached until they expire; every
// hit re-checks expiry, audience and scope, so one token serves many
// products correctly. Throws JwksUnavailableError only when the keys cannot
// be had at all (the caller answers 503, not a verdict on the token).

/** Larger tokens are refused before any parsing; they would also bloat the cache. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * The token's protected header, parsed once per distinct header: an issuer's
 * tokens share a handful (alg, kid, typ), so this is a Map hit. Bounded, since
 * anyone can send headers.
 */
function headerReader(): (token: string) => JWSHeaderParameters | undefined {
  const seen = new Map<string, JWSHeaderParameters>();
  return (token) => {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const segment = token.slice(0, dot);
    const hit = seen.get(segment);
    if (hit !== undefined) return hit;
    let header: unknown;
    try {
      header = JSON.parse(Buffer.from(segment, 'base64url').toString());
    } catch {
      return undefined;
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
    if (seen.size >= 64) seen.clear();
    seen.set(segment, header as JWSHeaderParameters);
    return header as JWSHeaderParameters;
  };
}

export class DataPathConfigError extends Error {
  override name = 'DataPathConfigError';
}

function allowedAlgorithms(configured: readonly string[] | undefined): string[] {
  const algorithms = [...(configured ?? ASYMMETRIC_ALGORITHMS)];
  const refused = algorithms.filter((alg) => !ASYMMETRIC_ALGORITHMS.includes(alg));
  if (refused.length || !algorithms.length) {
    // `none` and the HS* family would let anyone holding the public key mint tokens.
    throw new DataPathConfigError(`algorithms must be asymmetric signature algorithms; refused: ${refused.join(', ') || '(empty list)'}`);
  }
  return algorithms;
}

export function createDataPathCheck(config: DataPathCheckConfig): DataPathCheck {
  const now = config.now ?? Date.now;
  const leewaySeconds = config.clockToleranceSeconds ?? 30;
  const scopeClaim = config.scopeClaim ?? 'auto';
  const jwks = new JwksCache({
    jwksUri: config.jwksUri,
    cooldownMs: config.jwksCooldownMs,
    maxAgeMs: config.jwksMaxAgeMs,
    timeoutMs: config.jwksTimeoutMs,
    now,
    fetch: config.fetch,
  });
  const cache = new VerifiedTokenCache(config.cacheSize ?? 10_000);
  const cacheEnabled = cache.maxEntries > 0;
  const rules = new ProductRules(
    config.products ?? {},
    config.scopeStyle ?? { kind: 'plain' },
    config.listedProductsOnly ?? false,
    config.productAudiencePrefix,
  );
  const globalAudiences = new Set(typeof config.audience === 'string' ? [config.audience] : (config.audience ?? []));
  const audienceRequired = globalAudiences.size > 0 || rules.hasProductAudiences;
  const algorithms = new Set(allowedAlgorithms(config.algorithms));
  // jose checks the algorithm again and the key type; verify-jwt.ts checks
  // exp/nbf with the leeway; `iss` and the presence of `exp` are checked below.
  const algorithmList = [...algorithms];
  const { issuer } = config;
  const readHeader = headerReader();
  const optionsNow = () => ({ algorithms: algorithmList, clockToleranceSeconds: leewaySeconds, nowMs: now() });

  function decide(entry: VerifiedToken, rule: ProductRule): CheckResult {
    if (now() >= entry.expiresAt) return denials.expired;
    if (audienceRequired && !entry.globalAudience && (rule.audience === undefined || !audienceIs(entry.aud, rule.audience))) {
      return denials.wrongAudience;
    }
    return entry.allowed.grants(rule.scope) ? entry.allowed : rule.insufficientScope;
  }

  function remember(token: string, payload: JWTPayload): VerifiedToken {
    const entry: VerifiedToken = {
      allowed: grantedAccess(payload, scopeClaim),
      expiresAt: ((payload.exp as number) + leewaySeconds) * 1000,
      aud: payload.aud,
      globalAudience: audienceIn(payload.aud, globalAudiences),
    };
    if (cacheEnabled) cache.set(token, entry);
    return entry;
  }

  // jose verifies; the key is handed over as a CryptoKey where possible (its
  // resolver path costs measurably more). With a single published key the
  // token is tried against it first and the header is read only if that
  // fails, in case the token names another (rotated-in) key. Otherwise the
  // header picks the key by kid, refetching the JWKS for an unknown one.
  // Either way jose enforces the algorithm allow-list and the key's type.

  function verifyByHeader(token: string): Promise<JWTPayload> {
    const header = readHeader(token);
    if (header === undefined) throw new errors.JWSInvalid('the protected header is not JSON');
    if (typeof header.alg !== 'string' || !algorithms.has(header.alg)) throw new errors.JOSEAlgNotAllowed('alg not allowed');
    return verifyJwt(token, jwks.keyNow(header) ?? jwks.resolve, optionsNow());
  }

  /** Whether a failure against the sole key may be a token signed with another key. */
  function namesAnotherKey(token: string, sole: SoleKey, err: unknown): boolean {
    const keyDidNotFit = err instanceof TypeError || (err as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    const header = keyDidNotFit ? readHeader(token) : undefined;
    return header !== undefined && (header.kid !== sole.kid || header.alg !== sole.alg);
  }

  /** The decision when it needs no signature check (a refusal on sight, or a cached token); undefined otherwise. */
  function decideAtOnce(token: string, productId: string | undefined): CheckResult | undefined {
    if (token.length === 0) return denials.malformed;
    if (token.length > MAX_TOKEN_LENGTH) return denials.tooLarge;
    const rule = productId === undefined ? undefined : rules.ruleFor(productId);
    if (rule === undefined) return denials.unknownProduct;
    const cached = cacheEnabled ? cache.get(token) : undefined;
    if (cached === undefined) return undefined;
    const result = decide(cached, rule);
    if (result === denials.expired) cache.delete(token);
    return result;
  }

  async function checkToken(token: string, productId: string | undefined): Promise<CheckResult> {
    const atOnce = decideAtOnce(token, productId);
    if (atOnce !== undefined) return atOnce;
    const rule = rules.ruleFor(productId!)!;
    const sole = jwks.soleKey();
    let payload: JWTPayload;
    try {
      payload = await (sole !== undefined ? verifyJwt(token, sole.key, optionsNow()) : verifyByHeader(token));
    } catch (err) {
      if (err instanceof JwksUnavailableError) throw err;
      if (sole === undefined || !namesAnotherKey(token, sole, err)) return denialFor(err);
      try {
        payload = await verifyByHeader(token);
      } catch (again) {
        if (again instanceof JwksUnavailableError) throw again;
        return denialFor(again);
      }
    }
    if (payload.iss !== issuer) return denials.wrongIssuer;
    if (payload.exp === undefined) return denials.noExpiry;
    return decide(remember(token, payload), rule);
  }

  return {
    check(authorization, productId) {
      const token = bearerToken(authorization);
      return token === undefined ? Promise.resolve(denials.noCredentials) : checkToken(token, productId);
    },
    checkToken,
    checkAtOnce(authorization, productId) {
      const token = bearerToken(authorization);
      return token === undefined ? denials.noCredentials : decideAtOnce(token, productId);
    },
    scopeFor: (productId) => rules.ruleFor(productId)?.scope,
    warmUp: () => jwks.load(),
    stats: {
      get cachedTokens() {
        return cache.size;
      },
      get jwksFetches() {
        return jwks.fetches;
      },
    },
  };
}
