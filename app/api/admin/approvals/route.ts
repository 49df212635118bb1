import { db } from '@/lib/db';
import { listPendingApprovals } from '@/lib/admin/approvals';
import { adminRoute } from '@/lib/admin/route';

export const GET = adminRoute(async () => Response.json(await listPendingApprovals(db())));
