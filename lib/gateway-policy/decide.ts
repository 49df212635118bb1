import type { PolicySpec } from './spec';

// The generated Rego module's decision (rego.ts), rule for rule, in
// TypeScript: the tests run this against token claims in the shapes each IdP
// issues, since OPA itself is not available here. Like the Rego module, it
// assumes a token whose signature and expiry have already been verified (by
// Gloo's jwt step; in Lanyard, by the data-path check).

export interface DecisionContext {
  /** `metadata_context.filter_metadata["io.solo.gloo.apimanagement"].api_product_id`, when the route carries one. */
  routeApiProductId?: unknown;
}

export interface Decision {
  allow: boolean;
  /** Which rule refused, for people reading test failures and logs. */
  reason: 'allowed' | 'issuer' | 'audience' | 'route' | 'scope';
}

/** `token_scopes`: the scopes in the IdP's claim, a space-separated string or an array; undefined otherwise. */
export function tokenScopes(claims: Record<string, unknown>, claim: 'scope' | 'scp'): Set<string> | undefined {
  const value = claims[claim];
  if (typeof value === 'string') return new Set(value.split(' '));
  if (Array.isArray(value)) return new Set(value.filter((s): s is string => typeof s === 'string'));
  return undefined;
}

export function decide(spec: PolicySpec, claims: Record<string, unknown> | undefined, context: DecisionContext = {}): Decision {
  if (!claims || typeof claims !== 'object') return { allow: false, reason: 'issuer' };
  // claims.iss == issuer
  if (claims.iss !== spec.issuer) return { allow: false, reason: 'issuer' };
  // audience_ok
  if (spec.audience !== undefined) {
    const aud = claims.aud;
    const ok = aud === spec.audience || (Array.isArray(aud) && aud.includes(spec.audience));
    if (!ok) return { allow: false, reason: 'audience' };
  }
  // route_ok: no (non-empty string) product id on the route, or this product's
  const route = context.routeApiProductId;
  if (typeof route === 'string' && route !== '' && route !== spec.apiProductId) return { allow: false, reason: 'route' };
  // required_scope in token_scopes
  if (!tokenScopes(claims, spec.scopeClaim)?.has(spec.requiredScope)) return { allow: false, reason: 'scope' };
  return { allow: true, reason: 'allowed' };
}
