import { createV1App, listV1Apps } from '@/lib/api-v1/apps';
import { cursorQuery } from '@/lib/api-v1/pagination';
import { jsonBody, v1Query, v1Route } from '@/lib/api-v1/v1-route';
import { createAppSchema } from '@/lib/apps/schemas';
import { db } from '@/lib/db';
import { idp } from '@/lib/idp';

export const GET = v1Route('/api/v1/apps', 'GET', async ({ caller, req }) =>
  Response.json(await listV1Apps(db(), caller.user, v1Query(req, cursorQuery))),
);

/** 201 with the client secret (the only response that carries it); a replayed Idempotency-Key returns it again. */
export const POST = v1Route(
  '/api/v1/apps',
  'POST',
  async ({ caller, body }) => Response.json(await createV1App(db(), idp(), caller.user, jsonBody(body, createAppSchema)), { status: 201 }),
  { idempotent: true },
);
