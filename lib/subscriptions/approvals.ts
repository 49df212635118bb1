import { ownerLabel } from '../apps/owner';
import type { Db } from '../db';

// The approvals queue: subscriptions to products that need an admin's yes,
// oldest first. The decision itself is decide.ts.

export interface PendingApproval {
  id: string;
  requestedAt: string;
  requestedBy: string | null;
  app: { id: string; name: string; owner: string; description: string };
  product: { apiProductId: string; name: string; slug: string; scope: string | null };
}

/** At most `limit` pending subscriptions (the queue is meant to stay short), and how many there are. */
export async function listPendingApprovals(db: Db, limit = 200): Promise<{ items: PendingApproval[]; total: number }> {
  const where = { status: 'pending' };
  const [total, rows] = await Promise.all([
    db.subscription.count({ where }),
    db.subscription.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
      include: {
        product: { select: { apiProductId: true, name: true, slug: true, scope: true } },
        application: {
          select: {
            id: true,
            name: true,
            description: true,
            ownerUser: { select: { email: true } },
            ownerTeam: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  const requesters = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.requestedById))] } },
    select: { id: true, email: true },
  });
  const email = new Map(requesters.map((u) => [u.id, u.email]));
  return {
    total,
    items: rows.map((s) => ({
      id: s.id,
      requestedAt: s.createdAt.toISOString(),
      requestedBy: email.get(s.requestedById) ?? null,
      app: { id: s.application.id, name: s.application.name, description: s.application.description, owner: ownerLabel(s.application) },
      product: s.product,
    })),
  };
}
