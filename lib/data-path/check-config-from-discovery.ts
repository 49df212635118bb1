import type { ScopeStyle } from '../idp/product-scope';
import type { IdpDiscovery } from '../idp/types';
import { DataPathConfigError } from './create-check';
import type { DataPathCheckConfig, ProductConfig } from './types';

// The check's configuration for the IdP the portal uses, from the adapter's
// discovery: issuer, JWKS, where scopes sit, and the audience. The embedded
// IdP also mints RFC 8707 tokens for a single product, whose `aud` is
// `<portal>/apis/<encoded product id>` (lib/idp/embedded/provider/api-resources.ts,
// productResource); those are admitted for that product only.

export interface CheckConfigOptions {
  /** How product ids become scopes; Cognito needs its resource server. Default plain. */
  scopeStyle?: ScopeStyle;
  products?: Readonly<Record<string, string | ProductConfig>>;
  cacheSize?: number;
}

export function checkConfigFromDiscovery(discovery: IdpDiscovery, options: CheckConfigOptions = {}): DataPathCheckConfig {
  const scopeStyle = options.scopeStyle ?? { kind: 'plain' };
  if (discovery.kind === 'cognito' && scopeStyle.kind !== 'resource-server') {
    throw new DataPathConfigError(
      'Cognito scopes carry the resource-server prefix: pass scopeStyle { kind: "resource-server", identifier }',
    );
  }
  const perProductAudience = discovery.kind === 'embedded' && discovery.resourceIndicators && discovery.audience;
  return {
    issuer: discovery.issuer,
    jwksUri: discovery.jwksUri,
    scopeClaim: discovery.scopeClaim,
    audience: discovery.audience,
    productAudiencePrefix: perProductAudience ? `${discovery.audience}/` : undefined,
    scopeStyle,
    products: options.products,
    cacheSize: options.cacheSize,
  };
}
