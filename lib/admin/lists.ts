import { z } from 'zod';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { optionalText, pageSchema, skipFor, toPage, type Page } from './pagination';
import { ownerLabel } from './products';

// Every application, subscription and user, for admins: searched, filtered
// and paged in the database (never in memory), so a page costs the same at
// ten rows or ten thousand. Ordering is newest first, ties broken by id.

const status = z.enum(['pending', 'approved', 'rejected']).optional();

// ------------------------------------------------------------ applications --

export const appListQuery = pageSchema.extend({
  q: optionalText(),
  owner: optionalText(),
  product: optionalText(),
  status,
});
export type AppListQuery = z.infer<typeof appListQuery>;

export interface AdminAppRow {
  id: string;
  name: string;
  owner: { kind: 'user'; email: string; name: string | null } | { kind: 'team'; id: string; name: string };
  clientId: string | null;
  idp: string;
  createdAt: string;
  subscriptions: { apiProductId: string; name: string; status: string }[];
}

const ownerMatches = (owner: string): Prisma.ApplicationWhereInput => ({
  OR: [{ ownerUser: { is: { email: { contains: owner } } } }, { ownerTeam: { is: { name: { contains: owner } } } }],
});

/**
 * The product filter as the product's row id, looked up once, so that the
 * filter uses the subscription indexes instead of joining products per row.
 * A product that does not exist matches nothing.
 */
async function productRowId(db: Db, apiProductId: string | undefined): Promise<string | undefined> {
  if (!apiProductId) return undefined;
  const row = await db.apiProduct.findUnique({ where: { apiProductId }, select: { id: true } });
  return row?.id ?? '\u0000no-such-product';
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
      createdAt: a.createdAt.toISOString(),
      subscriptions: a.subscriptions.map((s) => ({ apiProductId: s.product.apiProductId, name: s.product.name, status: s.status })),
    })),
    total,
    q,
  );
}

// ----------------------------------------------------------- subscriptions --

export const subscriptionListQuery = pageSchema.extend({
  q: optionalText(),
  owner: optionalText(),
  product: optionalText(),
  status,
});
export type SubscriptionListQuery = z.infer<typeof subscriptionListQuery>;

export interface AdminSubscriptionRow {
  id: string;
  status: string;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  app: { id: string; name: string; owner: string };
  product: { apiProductId: string; name: string; slug: string };
}

export function subscriptionWhere(q: SubscriptionListQuery, productId?: string): Prisma.SubscriptionWhereInput {
  const and: Prisma.SubscriptionWhereInput[] = [];
  if (q.status) and.push({ status: q.status });
  if (productId) and.push({ productId });
  if (q.owner) and.push({ application: { is: ownerMatches(q.owner) } });
  if (q.q)
    and.push({
      OR: [{ application: { is: { name: { contains: q.q } } } }, { product: { is: { name: { contains: q.q } } } }, { applicationId: q.q }],
    });
  return and.length ? { AND: and } : {};
}

/** Emails of the people a page of rows mentions, in one query. */
async function emailsOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

export async function listAdminSubscriptions(db: Db, q: SubscriptionListQuery): Promise<Page<AdminSubscriptionRow>> {
  const where = subscriptionWhere(q, await productRowId(db, q.product));
  const [total, rows] = await Promise.all([
    db.subscription.count({ where }),
    db.subscription.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: skipFor(q),
      take: q.pageSize,
      include: {
        product: { select: { apiProductId: true, name: true, slug: true } },
        application: { select: { id: true, name: true, ownerUser: { select: { email: true } }, ownerTeam: { select: { name: true } } } },
      },
    }),
  ]);
  const emails = await emailsOf(
    db,
    rows.flatMap((r) => [r.requestedById, r.decidedById]),
  );
  return toPage(
    rows.map((s) => ({
      id: s.id,
      status: s.status,
      reason: s.reason,
      createdAt: s.createdAt.toISOString(),
      decidedAt: s.decidedAt?.toISOString() ?? null,
      requestedBy: emails.get(s.requestedById) ?? null,
      decidedBy: s.decidedById ? (emails.get(s.decidedById) ?? null) : null,
      app: { id: s.application.id, name: s.application.name, owner: ownerLabel(s.application) },
      product: s.product,
    })),
    total,
    q,
  );
}

// ------------------------------------------------------------------ users --

export const userListQuery = pageSchema.extend({
  q: optionalText(),
  role: z.enum(['admin', 'consumer']).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

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
