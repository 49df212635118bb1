import type { Db } from '../db';
import { invalid } from '../errors';
import type { ScopeStyle } from '../idp/product-scope';
import type { IdpAdapter } from '../idp/types';
import { findProduct } from '../products/find-product';
import { generateGatewayPolicy, type GatewayPolicyBundle } from './generate';
import type { PolicyOptions } from './schemas';

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
    return generateGatewayPolicy({
      apiProductId: product.apiProductId,
      idp: discovery,
      scopeStyle,
      options: {
        ...(options.namespace && { namespace: options.namespace }),
        ...(options.server && {
          extAuthServer: { name: options.server, ...(options.serverNamespace && { namespace: options.serverNamespace }) },
        }),
        ...((options.labelKey || options.labelValue) && { routeLabel: { key: options.labelKey, value: options.labelValue } }),
      },
    });
  } catch (err) {
    throw invalid(`The gateway policy cannot be generated: ${(err as Error).message}`);
  }
}
