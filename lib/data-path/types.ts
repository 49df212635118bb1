import type { ScopeStyle } from '../idp/product-scope';

// The data-path check's contract: what it is configured with and what it
// decides. Errors follow RFC 6750 §3.1 (invalid_request, invalid_token,
// insufficient_scope).

export interface AllowedRequest {
  readonly allow: true;
  /** `client_id` (RFC 9068), Okta's `cid`, or `azp`/`sub` when neither is present. */
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The scopes space-separated, as the upstream header carries them. */
  readonly scope: string;
  readonly subject: string;
}

export type DenialError = 'invalid_token' | 'insufficient_scope' | 'invalid_request';

export interface DeniedRequest {
  readonly allow: false;
  readonly status: 401 | 403;
  readonly error: DenialError;
  /** Safe for an RFC 6750 `error_description` (no quotes or backslashes) and never holds the token. */
  readonly description: string;
  /** The scope the product needs, for `insufficient_scope` (RFC 6750 §3). */
  readonly scope?: string;
  /** No credentials at all: RFC 6750 §3.1 says the challenge then carries no error code. */
  readonly noCredentials?: boolean;
}

export type CheckResult = AllowedRequest | DeniedRequest;

/** A product's rule as configured: its scope string, and optionally an audience of its own (RFC 8707 tokens). */
export interface ProductConfig {
  scope?: string;
  audience?: string;
}

export interface DataPathCheckConfig {
  issuer: string;
  jwksUri: string;
  /** Where scopes sit: a space-separated `scope` string, an `scp` array (Okta), or either (`auto`, the default). */
  scopeClaim?: 'scope' | 'scp' | 'auto';
  /** Accepted `aud` values; when set (or when a product has its own), tokens must name one. */
  audience?: string | readonly string[];
  /**
   * A product's own audience is this prefix + the URL-encoded product id
   * (RFC 8707 tokens minted for one product, e.g. the embedded IdP's `<portal>/apis/<id>`).
   */
  productAudiencePrefix?: string;
  /** Product id → its scope string (or scope and audience). Products not listed get a scope from `scopeStyle`. */
  products?: Readonly<Record<string, string | ProductConfig>>;
  /** How an unlisted product id becomes its scope (lib/idp/product-scope.ts). Default: plain. */
  scopeStyle?: ScopeStyle;
  /** Only products listed in `products` are known; others are refused. Default false. */
  listedProductsOnly?: boolean;
  /** Signature algorithms accepted. Default: RS256/384/512, PS256/384/512, ES256/384/512, EdDSA, Ed25519. */
  algorithms?: readonly string[];
  /** Clock skew allowed on `exp` and `nbf`, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** Verified tokens kept (LRU) until they expire. 0 turns the cache off. Default 10,000. */
  cacheSize?: number;
  /** Minimum time between JWKS refetches caused by an unknown `kid`. Default 30 s. */
  jwksCooldownMs?: number;
  /** After this long the JWKS is refreshed in the background. Default 10 min. */
  jwksMaxAgeMs?: number;
  jwksTimeoutMs?: number;
  /** For tests: the clock, in milliseconds since the epoch. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface DataPathCheck {
  /** Decides on an `Authorization` header value for a product. */
  check(authorization: string | undefined, productId: string | undefined): Promise<CheckResult>;
  /**
   * The decision when it can be made without waiting (no credentials, a refusal on sight, a cached
   * token), else undefined: callers that add work after the check (metered-check.ts) skip a promise.
   */
  checkAtOnce?(authorization: string | undefined, productId: string | undefined): CheckResult | undefined;
  /** Decides on a bare token (no `Bearer ` prefix) for a product. */
  checkToken(token: string, productId: string | undefined): Promise<CheckResult>;
  /** The scope a product needs, or undefined when the product is unknown. */
  scopeFor(productId: string): string | undefined;
  /** Loads the JWKS now, so that the first request does not wait for it. */
  warmUp(): Promise<void>;
  readonly stats: { readonly cachedTokens: number; readonly jwksFetches: number };
}
