import type { Db } from '../db';
import { invalid } from '../errors';
import type { ScopeStyle } from '../idp/product-scope';
import type { IdpAdapter } from '../idp/types';
import { findProduct } from '../products/find-product';
import { listProductPlans } from '../plans/list-plans';
import { generateGatewayPolicy, type GatewayPolicyBundle } from './generate';
import { generateRateLimitPolicy, type RateLimitBundle } from './rate-limit-policy';
import type { PolicyOptions, RateLimitOptions } from './schemas';

// The downloadable gateway policy of one product (docs/architecture.md, "The
// data path"): the generator fed with the product and the configured IdP's
// discovery. The generator refuses what Kubernetes would (a bad namespace or
// label): that is the caller's input, so it is `invalid`.

export async function productGatewayPolicy(
  db: Db,
  idp: IdpAdapter,
  scopeStyle: ScopeStyle,
  ref: string,
  options: PolicyOptions,
): Promise<GatewayPolicyBundle> {
  const product = await findProduct(db, ref);
  const discovery = await idp.discovery();
  try {
    return generateGatewayPolicy({ apiProductId: product.apiProductId, idp: discovery, scopeStyle, options: specOptions(options) });
  } catch (err) {
    throw invalid(`The gateway policy cannot be generated: ${(err as Error).message}`);
  }
}

function specOptions(options: PolicyOptions) {
  return {
    ...(options.namespace && { namespace: options.namespace }),
    ...(options.server && {
      extAuthServer: { name: options.server, ...(options.serverNamespace && { namespace: options.serverNamespace }) },
    }),
    ...((options.labelKey || options.labelValue) && { routeLabel: { key: options.labelKey, value: options.labelValue } }),
  };
}

/** The product's plans as the gateway's own rate-limit configuration (rate-limit-policy.ts). */
export async function productRateLimitPolicy(
  db: Db,
  idp: IdpAdapter,
  scopeStyle: ScopeStyle,
  ref: string,
  options: RateLimitOptions,
): Promise<RateLimitBundle> {
  const product = await findProduct(db, ref);
  const [discovery, plans] = await Promise.all([idp.discovery(), listProductPlans(db, product.apiProductId)]);
  try {
    return generateRateLimitPolicy({
      apiProductId: product.apiProductId,
      idp: discovery,
      scopeStyle,
      options: specOptions(options),
      plans,
      format: options.format,
      rateLimiter: { name: options.rateLimiter, namespace: options.rateLimiterNamespace },
    });
  } catch (err) {
    throw invalid(`The rate-limit configuration cannot be generated: ${(err as Error).message}`);
  }
}
