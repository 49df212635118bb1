import { z } from 'zod';
import { db } from '@/lib/db';
import { authedRoute, readBody } from '@/lib/http/route';
import { idp } from '@/lib/idp';
import { subscribe } from '@/lib/subscriptions/subscribe';

const schema = z.object({ apiProductId: z.string().trim().min(1, 'Choose an API product').max(200) });

export const POST = authedRoute<{ id: string }>(async ({ user, params, req }) => {
  const { apiProductId } = await readBody(req, schema);
  const sub = await subscribe(db(), idp(), user, params.id, apiProductId);
  return Response.json({ id: sub.id, status: sub.status }, { status: 201 });
});
