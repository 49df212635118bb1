import type { Db } from '../db';
import type { IdpAdapter } from '../idp/types';
import { subscriptionPlans, type SubscriptionPlans } from '../plans/list-plans';
import { canManage, findAccessibleApp, type Viewer } from './access';

export interface AppDetail {
  id: string;
  name: string;
  description: string;
  owner: { kind: 'me' } | { kind: 'team'; id: string; name: string };
  /** The viewer may rename, change credentials and subscriptions, and delete (README, "Team roles"). */
  canManage: boolean;
  createdAt: string;
  /** Set when an admin's reconcile recreated the client and nobody has seen its secret yet. */
  clientRecreatedAt: string | null;
  credentials: {
    clientId: string | null;
    issuer: string;
    tokenEndpoint: string;
    jwksUri: string;
    scopeClaim: 'scope' | 'scp';
    grantedScopes: string[];
    secrets: { id: string; hint: string; createdAt: string }[];
    rotation: 'dual' | 'none';
    introspection: boolean;
    revocation: boolean;
    resourceIndicators: boolean;
    /** The IdP gives the secret back, so the token tool needs no paste. */
    secretReadable: boolean;
    idp: string;
  };
  subscriptions: ({
    id: string;
    product: { apiProductId: string; name: string; slug: string; scope: string };
    status: string;
    reason: string | null;
    decidedAt: string | null;
    createdAt: string;
  } & SubscriptionPlans)[];
}

/** Everything the app page shows. Never a secret: only its last four characters. */
export async function getApplicationDetail(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string): Promise<AppDetail> {
  const found = await findAccessibleApp(db, viewer, appId);
  const app = await db.application.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      ownerTeam: true,
      secrets: { orderBy: { createdAt: 'asc' } },
      subscriptions: { include: { product: { include: { plans: true } }, requestedPlan: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  const discovery = await idp.discovery();
  const recreated = await db.auditEvent.findFirst({
    where: { action: 'drift.recreate_client', targetId: app.id, outcome: 'success' },
    orderBy: { at: 'desc' },
  });
  // The recreated client's secret was shown to no one; a rotation after it fixes that.
  const newestSecret = Math.max(0, ...app.secrets.map((x) => x.createdAt.getTime()));
  const clientRecreatedAt = recreated && recreated.at.getTime() >= newestSecret ? recreated.at.toISOString() : null;
  const manage = await canManage(db, viewer, app);
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    owner: app.ownerTeam ? { kind: 'team', id: app.ownerTeam.id, name: app.ownerTeam.name } : { kind: 'me' },
    canManage: manage,
    createdAt: app.createdAt.toISOString(),
    clientRecreatedAt,
    credentials: {
      clientId: app.clientId,
      issuer: discovery.issuer,
      tokenEndpoint: discovery.tokenEndpoint,
      jwksUri: discovery.jwksUri,
      scopeClaim: discovery.scopeClaim,
      grantedScopes: app.subscriptions.filter((s) => s.status === 'approved').map((s) => idp.scopeFor(s.product.apiProductId)),
      secrets: app.secrets.map((s) => ({ id: s.id, hint: s.hint, createdAt: s.createdAt.toISOString() })),
      rotation: discovery.secretRotation,
      introspection: !!discovery.introspectionEndpoint,
      revocation: !!discovery.revocationEndpoint,
      resourceIndicators: discovery.resourceIndicators,
      secretReadable: !!idp.readClientSecret,
      idp: discovery.kind,
    },
    subscriptions: app.subscriptions.map((s) => ({
      id: s.id,
      product: {
        apiProductId: s.product.apiProductId,
        name: s.product.name,
        slug: s.product.slug,
        scope: idp.scopeFor(s.product.apiProductId),
      },
      status: s.status,
      reason: s.reason,
      decidedAt: s.decidedAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
      ...subscriptionPlans(s, s.product.plans),
    })),
  };
}
