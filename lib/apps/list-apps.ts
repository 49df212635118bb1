import type { Db } from '../db';
import { skipFor, toPage, type Page } from '../pagination';
import type { Prisma } from '../generated/prisma/client';
import { reachableApps } from './access';
import type { MyAppListQuery } from './schemas';

// "My apps": one page of the applications a user can reach, with summary
// fields only (docs/architecture.md, "Catalog and lists at scale"). Each row
// names at most SUBSCRIPTIONS_SHOWN of its subscriptions and counts the rest.

export const SUBSCRIPTIONS_SHOWN = 10;

export interface AppListItem {
  id: string;
  name: string;
  description: string;
  owner: { kind: 'me' } | { kind: 'team'; id: string; name: string };
  /** service | web | spa | native (lib/apps/app-types.ts). */
  type: string;
  clientId: string | null;
  /** The first SUBSCRIPTIONS_SHOWN subscriptions, oldest first. */
  subscriptions: { product: string; name: string; status: string }[];
  subscriptionCount: number;
  createdAt: string;
}

/** The apps the user can reach, their own and their teams', newest first, a page at a time. */
export async function listApplications(db: Db, userId: string, q: MyAppListQuery): Promise<Page<AppListItem>> {
  const reachable = await reachableApps(db, userId);
  const where: Prisma.ApplicationWhereInput = q.q
    ? { AND: [reachable, { OR: [{ name: { contains: q.q } }, { clientId: { contains: q.q } }] }] }
    : reachable;
  const [total, rows] = await Promise.all([
    db.application.count({ where }),
    db.application.findMany({
      where,
      select: {
        id: true,
        name: true,
        description: true,
        type: true,
        clientId: true,
        createdAt: true,
        ownerTeam: { select: { id: true, name: true } },
        subscriptions: {
          select: { status: true, product: { select: { apiProductId: true, name: true } } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take: SUBSCRIPTIONS_SHOWN,
        },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: skipFor(q),
      take: q.pageSize,
    }),
  ]);
  // Counted for this page's apps only: Prisma's _count would group every subscription there is.
  const counts = new Map(
    (
      await db.subscription.groupBy({
        by: ['applicationId'],
        where: { applicationId: { in: rows.map((a) => a.id) } },
        _count: { _all: true },
      })
    ).map((g) => [g.applicationId, g._count._all]),
  );
  return toPage(
    rows.map((a) => ({
      id: a.id,
      name: a.name,
      description: a.description,
      owner: a.ownerTeam ? { kind: 'team' as const, id: a.ownerTeam.id, name: a.ownerTeam.name } : { kind: 'me' as const },
      type: a.type,
      clientId: a.clientId,
      subscriptions: a.subscriptions.map((s) => ({ product: s.product.apiProductId, name: s.product.name, status: s.status })),
      subscriptionCount: counts.get(a.id) ?? 0,
      createdAt: a.createdAt.toISOString(),
    })),
    total,
    q,
  );
}
