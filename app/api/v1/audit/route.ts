import { listV1Audit } from '@/lib/api-v1/admin';
import { auditQuery } from '@/lib/api-v1/schemas';
import { v1Query, v1Route } from '@/lib/api-v1/v1-route';
import { db } from '@/lib/db';

/** Newest first: ?action (exact, or `family.*`), ?actor, ?outcome, ?target, ?from, ?to, ?cursor, ?limit. */
export const GET = v1Route('/api/v1/audit', 'GET', async ({ req }) => Response.json(await listV1Audit(db(), v1Query(req, auditQuery))));
