import { db } from '@/lib/db';
import { productGatewayPolicy } from '@/lib/gateway-policy/product-policy';
import { policyOptionsQuery } from '@/lib/gateway-policy/schemas';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';
import { idp, scopeStyle } from '@/lib/idp';

/** The product's Gloo ExtAuthPolicy + OPA module as a YAML download. Optional: ?namespace, ?server, ?serverNamespace, ?labelKey, ?labelValue. */
export const GET = adminRoute<{ id: string }>(async ({ params, req }) => {
  const options = readQuery(req, policyOptionsQuery);
  const bundle = await productGatewayPolicy(db(), idp(), scopeStyle(), params.id, options);
  return new Response(bundle.yaml, {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${bundle.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
