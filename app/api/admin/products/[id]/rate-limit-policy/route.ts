import { db } from '@/lib/db';
import { productRateLimitPolicy } from '@/lib/gateway-policy/product-policy';
import { rateLimitOptionsQuery } from '@/lib/gateway-policy/schemas';
import { adminRoute } from '@/lib/http/admin-route';
import { readQuery } from '@/lib/http/route';
import { idp, scopeStyle } from '@/lib/idp';

/** The product's plans as gateway rate-limit configuration: ?format=gloo (RateLimitPolicy + RateLimitServerConfig) or envoy. */
export const GET = adminRoute<{ id: string }>(async ({ params, req }) => {
  const options = readQuery(req, rateLimitOptionsQuery);
  const bundle = await productRateLimitPolicy(db(), idp(), scopeStyle(), params.id, options);
  return new Response(bundle.yaml, {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${bundle.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
