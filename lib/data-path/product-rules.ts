import { productScope, type ScopeStyle } from '../idp/product-scope';
import { insufficientScope } from './denials';
import type { DeniedRequest, ProductConfig } from './types';

// Which scope (and, for RFC 8707 tokens, which audience) admits a request to
// an API product. Listed products come from configuration; any other product
// id gets its scope from productScope(), the function the IdP adapters use, so
// the check and the IdP cannot disagree. Rules are built once per product id.

export interface ProductRule {
  readonly productId: string;
  readonly scope: string;
  readonly audience: string | undefined;
  readonly insufficientScope: DeniedRequest;
}

// An API product id is an OAuth scope-token (lib/idp/api-product-id.ts).
const PRODUCT_ID = /^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/;
const MAX_DERIVED_RULES = 1_000;

function rule(productId: string, scope: string, audience: string | undefined): ProductRule {
  return { productId, scope, audience, insufficientScope: insufficientScope(productId, scope) };
}

export class ProductRules {
  private readonly listed = new Map<string, ProductRule>();
  private readonly derived = new Map<string, ProductRule>();

  constructor(
    products: Readonly<Record<string, string | ProductConfig>>,
    private readonly style: ScopeStyle,
    private readonly listedOnly: boolean,
    private readonly audiencePrefix: string | undefined,
  ) {
    for (const [productId, config] of Object.entries(products)) {
      const { scope, audience } = typeof config === 'string' ? { scope: config, audience: undefined } : config;
      this.listed.set(productId, rule(productId, scope ?? productScope(productId, style), audience ?? this.audienceFor(productId)));
    }
  }

  get hasProductAudiences(): boolean {
    if (this.audiencePrefix !== undefined) return true;
    for (const r of this.listed.values()) if (r.audience !== undefined) return true;
    return false;
  }

  private audienceFor(productId: string): string | undefined {
    return this.audiencePrefix === undefined ? undefined : `${this.audiencePrefix}${encodeURIComponent(productId)}`;
  }

  ruleFor(productId: string): ProductRule | undefined {
    const hit = this.listed.get(productId) ?? this.derived.get(productId);
    if (hit !== undefined || this.listedOnly || !PRODUCT_ID.test(productId)) return hit;
    const derived = rule(productId, productScope(productId, this.style), this.audienceFor(productId));
    if (this.derived.size < MAX_DERIVED_RULES) this.derived.set(productId, derived);
    return derived;
  }
}
