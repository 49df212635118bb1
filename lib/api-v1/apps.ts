import 'server-only';
import { findAccessibleApp, reachableApps, type Viewer } from '../apps/access';
import { createApplication, type CreatedApplication } from '../apps/create-app';
import type { CreateAppInput } from '../apps/schemas';
import type { Db } from '../db';
import type { IdpAdapter } from '../idp/types';
import { pageArgs, toCursorPage, type CursorPage, type CursorQuery } from './pagination';

// Applications over /api/v1: the token owner's apps (their own and their
// teams'), exactly as the portal's app list shows them to that person.

export interface V1App {
  id: string;
  name: string;
  description: string;
  type: string;
  clientId: string | null;
  ownerTeamId: string | null;
  subscriptions: { product: string; status: string }[];
  createdAt: string;
}

type AppRow = {
  id: string;
  name: string;
  description: string;
  type: string;
  clientId: string | null;
  ownerTeamId: string | null;
  createdAt: Date;
  subscriptions: { status: string; product: { apiProductId: string } }[];
};

const include = { subscriptions: { include: { product: { select: { apiProductId: true } } }, orderBy: { createdAt: 'asc' as const } } };

function toV1App(a: AppRow): V1App {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    type: a.type,
    clientId: a.clientId,
    ownerTeamId: a.ownerTeamId,
    subscriptions: a.subscriptions.map((s) => ({ product: s.product.apiProductId, status: s.status })),
    createdAt: a.createdAt.toISOString(),
  };
}

export async function listV1Apps(db: Db, viewer: Viewer, q: CursorQuery): Promise<CursorPage<V1App>> {
  const { where, ...rest } = pageArgs(q);
  const rows = await db.application.findMany({ ...rest, where: { AND: [where ?? {}, await reachableApps(db, viewer.id)] }, include });
  return toCursorPage(rows, q, toV1App);
}

export async function getV1App(db: Db, viewer: Viewer, id: string): Promise<V1App> {
  const app = await findAccessibleApp(db, viewer, id);
  return toV1App(await db.application.findUniqueOrThrow({ where: { id: app.id }, include }));
}

export function createV1App(db: Db, idp: IdpAdapter, viewer: Viewer, input: CreateAppInput): Promise<CreatedApplication> {
  return createApplication(db, idp, viewer, input);
}
