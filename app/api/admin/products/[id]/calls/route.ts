import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { declareProductCall, listProductCalls } from '@/lib/token-exchange/product-calls';
import { productCallSchema } from '@/lib/token-exchange/schemas';

// `{id}`: as for /api/admin/products/{id}. Which products this one calls, and through which application.

export const GET = adminRoute<{ id: string }>(async ({ params }) => Response.json(await listProductCalls(db(), idp(), params.id)));

export const POST = adminRoute<{ id: string }>(async ({ user, params, req }) => {
  const input = await readBody(req, productCallSchema);
  await declareProductCall(db(), idp(), user, params.id, input);
  return Response.json(await listProductCalls(db(), idp(), params.id), { status: 201 });
});
