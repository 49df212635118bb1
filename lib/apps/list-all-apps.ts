import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { skipFor, toPage, type Page } from '../pagination';
import { productRowId } from '../products/find-product';
import { ownerMatches } from './owner';
import type { AppListQuery } from './schemas';

// Every application, for admins: searched, filtered and paged in the database
// (never in memory), so a page costs the same at ten rows or ten thousand.
// Newest first, ties broken by id.

export interface AdminAppRow {
  id: string;
  name: string;
  owner: { kind: 'user'; email: string; name: string | null } | { kind: 'team'; id: string; name: string };
  clientId: string | null;
  idp: string;
  /** service | web | spa | native */
  type: string;
  createdAt: string;
  subscriptions: { apiProductId: string; name: string; status: string }[];
}

export function appWhere(q: AppListQuery, productId?: string): Prisma.ApplicationWhereInput {
  const and: Prisma.ApplicationWhereInput[] = [];
  if (q.q) and.push({ OR: [{ name: { contains: q.q } }, { id: q.q }, { clientId: { contains: q.q } }] });
  if (q.owner) and.push(ownerMatches(q.owner));
  if (productId || q.status) {
    and.push({ subscriptions: { some: { ...(productId && { productId }), ...(q.status && { status: q.status }) } } });
  }
  return and.length ? { AND: and } : {};
}

export async function listAdminApps(db: Db, q: AppListQuery): Promise<Page<AdminAppRow>> {
  const where = appWhere(q, await productRowId(db, q.product));
  const [total, rows] = await Promise.all([
    db.application.count({ where }),
    db.application.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: skipFor(q),
      take: q.pageSize,
      include: {
        ownerUser: { select: { email: true, name: true } },
        ownerTeam: { select: { id: true, name: true } },
        subscriptions: { select: { status: true, product: { select: { apiProductId: true, name: true } } }, orderBy: { createdAt: 'asc' } },
      },
    }),
  ]);
  return toPage(
    rows.map((a) => ({
      id: a.id,
      name: a.name,
      owner: a.ownerTeam
        ? { kind: 'team' as const, id: a.ownerTeam.id, name: a.ownerTeam.name }
        : { kind: 'user' as const, email: a.ownerUser?.email ?? 'unknown', name: a.ownerUser?.name ?? null },
      clientId: a.clientId,
      idp: a.idp,
      type: a.type,
      createdAt: a.createdAt.toISOString(),
      subscriptions: a.subscriptions.map((s) => ({ apiProductId: s.product.apiProductId, name: s.product.name, status: s.status })),
    })),
    total,
    q,
  );
}
