import { db } from '@/lib/db';
import { policyOptionsQuery, productGatewayPolicy } from '@/lib/admin/gateway-policy';
import { queryOf } from '@/lib/admin/pagination';
import { adminRoute } from '@/lib/admin/route';
import { idp, scopeStyle } from '@/lib/idp';

/** The product's Gloo ExtAuthPolicy + OPA module as a YAML download. Optional: ?namespace, ?server, ?serverNamespace, ?labelKey, ?labelValue. */
export const GET = adminRoute<{ id: string }>(async ({ params, req }) => {
  const options = policyOptionsQuery.parse(queryOf(req));
  const bundle = await productGatewayPolicy(db(), idp(), scopeStyle(), params.id, options);
  return new Response(bundle.yaml, {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${bundle.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
