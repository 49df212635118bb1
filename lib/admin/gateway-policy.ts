import { z } from 'zod';
import type { Db } from '../db';
import { generateGatewayPolicy, type GatewayPolicyBundle } from '../gateway-policy';
import { badRequest } from '../http/api-error';
import type { ScopeStyle } from '../idp/product-scope';
import type { IdpAdapter } from '../idp/types';
import { optionalText } from './pagination';
import { findProduct } from './products';

// The downloadable gateway policy of one product (SPEC flow 8): the
// generator in lib/gateway-policy fed with the product and the configured
// IdP's discovery. The generator refuses what Kubernetes would (a bad
// namespace or label): that is the caller's input, so a 400.

export const policyOptionsQuery = z.object({
  namespace: optionalText(63),
  server: optionalText(253),
  serverNamespace: optionalText(63),
  labelKey: optionalText(317),
  labelValue: optionalText(63),
});

export async function productGatewayPolicy(
  db: Db,
  idp: IdpAdapter,
  scopeStyle: ScopeStyle,
  ref: string,
  options: z.infer<typeof policyOptionsQuery>,
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
    throw badRequest(`The gateway policy cannot be generated: ${(err as Error).message}`);
  }
}
