import { revokeAccessToken } from '@/lib/access-tokens/tokens';
import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';

/** Any admin may revoke any service token (its owner may have left). */
export const DELETE = adminRoute<{ id: string }>(async ({ user, params }) => Response.json(await revokeAccessToken(db(), user, params.id)));
