import type { Db } from '../db';
import { env } from '../env';
import type { IdpAdapter, IdpFeature, PublicJwks } from '../idp/types';
import { subscriptionPlans, type SubscriptionPlans } from '../plans/list-plans';
import type { Viewer } from './access';
import { readAppDetail } from './app-detail-rows';
import type { AppType } from './app-types';
import { clientSettingsOf } from './client-settings';
import { consoleRedirectUri } from './redirect-uris';

export interface AppDetail {
  id: string;
  name: string;
  description: string;
  owner: { kind: 'me' } | { kind: 'team'; id: string; name: string };
  /** The viewer may rename, change credentials and subscriptions, and delete (README, "Team roles"). */
  canManage: boolean;
  type: AppType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** How it authenticates at the token endpoint: a secret, a signed JWT, or nothing (public). */
  clientAuth: 'client_secret' | 'private_key_jwt' | 'none';
  /** private_key_jwt: the public keys it registered, or where the IdP fetches them. */
  jwks: PublicJwks | null;
  jwksUri: string | null;
  /** The catalog's try-it console's redirect URI (register it to try APIs with your own sign-in). */
  consoleRedirectUri: string;
  /** Service apps: the products it may exchange tokens for, as the backend of another (RFC 8693). */
  tokenExchange: {
    from: { apiProductId: string; name: string };
    /** `resource`: the RFC 8707 indicator that names the product in an exchange, where the IdP has them. */
    to: { apiProductId: string; name: string; resource?: string };
  }[];
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
    authorizationEndpoint: string;
    endSessionEndpoint: string | null;
    /** Scopes a sign-in asks for besides the products (openid, …), as this IdP spells them. */
    userScopes: string[];
    refreshTokenIntrospection: boolean;
    refreshTokenRevocation: boolean;
    /** What this IdP cannot do, and why, in words to show before someone tries. */
    limits: Partial<Record<IdpFeature, string>>;
  };
  subscriptions: ({
    id: string;
    /** `resourceIndicator`: the RFC 8707 value asking for this product alone, where the IdP has them. */
    product: { apiProductId: string; name: string; slug: string; scope: string; resourceIndicator?: string };
    status: string;
    reason: string | null;
    decidedAt: string | null;
    createdAt: string;
  } & SubscriptionPlans)[];
}

/** Everything the app page shows. Never a secret: only its last four characters. */
export async function getApplicationDetail(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  portalUrl = env().LANYARD_URL,
): Promise<AppDetail> {
  const app = await readAppDetail(db, viewer, appId);
  const discovery = await idp.discovery();
  const features = idp.features();
  const settings = clientSettingsOf(app);
  const keys = settings.signingKeys;
  // The recreated client's secret was shown to no one; a rotation after it fixes that.
  const newestSecret = Math.max(0, ...app.secrets.map((x) => x.createdAt.getTime()));
  const clientRecreatedAt = app.recreatedAt && app.recreatedAt.getTime() >= newestSecret ? app.recreatedAt.toISOString() : null;
  // canManage (./access.ts): the owning user, or an owner of the owning team.
  const manage = app.ownerUserId === viewer.id || (!!app.ownerTeam && app.viewerTeamRole === 'owner');
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    owner: app.ownerTeam ? { kind: 'team', id: app.ownerTeam.id, name: app.ownerTeam.name } : { kind: 'me' },
    canManage: manage,
    type: settings.type,
    redirectUris: [...settings.redirectUris],
    postLogoutRedirectUris: [...settings.postLogoutRedirectUris],
    clientAuth: app.clientAuth === 'private_key_jwt' ? 'private_key_jwt' : app.clientAuth === 'none' ? 'none' : 'client_secret',
    jwks: keys && 'jwks' in keys ? keys.jwks : null,
    jwksUri: keys && 'jwksUri' in keys ? keys.jwksUri : null,
    consoleRedirectUri: consoleRedirectUri(portalUrl),
    tokenExchange: app.productCalls.map((c) => ({
      from: { apiProductId: c.product.apiProductId, name: c.product.name },
      to: { apiProductId: c.callee.apiProductId, name: c.callee.name, resource: idp.resourceFor?.(c.callee.apiProductId) },
    })),
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
      secretReadable: !!idp.readClientSecret && app.clientAuth === 'client_secret',
      idp: discovery.kind,
      authorizationEndpoint: features.authorizationEndpoint,
      endSessionEndpoint: features.endSessionEndpoint ?? null,
      userScopes: [...features.userScopes],
      refreshTokenIntrospection: !!features.refreshTokenIntrospectionEndpoint,
      refreshTokenRevocation: !!features.refreshTokenRevocationEndpoint,
      limits: features.limits,
    },
    subscriptions: app.subscriptions.map((s) => ({
      id: s.id,
      product: {
        apiProductId: s.product.apiProductId,
        name: s.product.name,
        slug: s.product.slug,
        scope: idp.scopeFor(s.product.apiProductId),
        resourceIndicator: idp.resourceFor?.(s.product.apiProductId),
      },
      status: s.status,
      reason: s.reason,
      decidedAt: s.decidedAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
      ...subscriptionPlans(s, s.product.plans),
    })),
  };
}
