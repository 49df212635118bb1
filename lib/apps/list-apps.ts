import type { Db } from '../db';
import { visibleTo } from './access';

export interface AppListItem {
  id: string;
  name: string;
  description: string;
  owner: { kind: 'me' } | { kind: 'team'; id: string; name: string };
  /** service | web | spa | native (lib/apps/app-types.ts). */
  type: string;
  clientId: string | null;
  subscriptions: { product: string; name: string; status: string }[];
  createdAt: string;
}

/** The apps the user can reach: their own and their teams'. */
export async function listApplications(db: Db, userId: string): Promise<AppListItem[]> {
  const rows = await db.application.findMany({
    where: visibleTo(userId),
    include: { ownerTeam: true, subscriptions: { include: { product: true }, orderBy: { createdAt: 'asc' } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    description: a.description,
    owner: a.ownerTeam ? { kind: 'team', id: a.ownerTeam.id, name: a.ownerTeam.name } : { kind: 'me' },
    type: a.type,
    clientId: a.clientId,
    subscriptions: a.subscriptions.map((s) => ({ product: s.product.apiProductId, name: s.product.name, status: s.status })),
    createdAt: a.createdAt.toISOString(),
  }));
}
