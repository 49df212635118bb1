import { db } from '@/lib/db';
import { adminRoute } from '@/lib/http/admin-route';
import { listPendingApprovals } from '@/lib/subscriptions/approvals';

export const GET = adminRoute(async () => Response.json(await listPendingApprovals(db())));
