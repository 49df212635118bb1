import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { skipFor, toPage, type Page } from '../pagination';
import type { UserListQuery } from './schemas';

// Everyone who has signed in, for admins: searched and paged in the database.

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  role: 'admin' | 'consumer';
  groups: string[];
  lastSignIn: string | null;
  createdAt: string;
  apps: number;
  teams: number;
}

export function userWhere(q: UserListQuery): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [];
  if (q.q) and.push({ OR: [{ email: { contains: q.q } }, { name: { contains: q.q } }] });
  if (q.role) and.push({ isAdmin: q.role === 'admin' });
  return and.length ? { AND: and } : {};
}

function parseGroups(raw: string): string[] {
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

export async function listAdminUsers(db: Db, q: UserListQuery): Promise<Page<AdminUserRow>> {
  const where = userWhere(q);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: skipFor(q),
      take: q.pageSize,
      select: {
        id: true,
        email: true,
        name: true,
        isAdmin: true,
        groups: true,
        lastSignIn: true,
        createdAt: true,
        _count: { select: { apps: true, memberships: true } },
      },
    }),
  ]);
  return toPage(
    rows.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.isAdmin ? ('admin' as const) : ('consumer' as const),
      groups: parseGroups(u.groups),
      lastSignIn: u.lastSignIn?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      apps: u._count.apps,
      teams: u._count.memberships,
    })),
    total,
    q,
  );
}
