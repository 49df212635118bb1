import { randomBytes, randomInt } from 'node:crypto';

// The part of an Okta org the stand-in models: OIDC apps with their client
// secrets, and one custom authorization server with scopes and access
// policies/rules. Shapes follow the management API's JSON, so the HTTP layer
// can mostly hand these objects out as they are.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Okta ids: a 3-character type prefix and 17 base62 characters (e.g. `0oa…` apps, `scp…` scopes). */
export function oktaId(prefix: string): string {
  let id = prefix;
  while (id.length < 20) id += BASE62[randomInt(BASE62.length)];
  return id;
}

export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z');

export interface ClientSecret {
  id: string;
  status: 'ACTIVE' | 'INACTIVE';
  client_secret: string;
  secret_hash: string;
  created: string;
  lastUpdated: string;
}

export interface OidcApp {
  id: string;
  name: 'oidc_client';
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
  signOnMode: 'OPENID_CONNECT';
  credentials: { oauthClient: { client_id: string; token_endpoint_auth_method: string; autoKeyRotation: boolean; pkce_required: boolean } };
  settings: {
    oauthClient: {
      application_type: string;
      grant_types: string[];
      response_types: string[];
      redirect_uris: string[];
      post_logout_redirect_uris?: string[];
      jwks?: { keys: Record<string, unknown>[] };
      jwks_uri?: string;
      refresh_token?: { rotation_type: 'ROTATE' | 'STATIC'; leeway: number };
    };
  };
  secrets: ClientSecret[];
  /** Ids of the groups assigned to the app: their people may sign in to it. */
  groups: string[];
}

export interface Group {
  id: string;
  type: 'BUILT_IN' | 'OKTA_GROUP';
  profile: { name: string; description: string };
}

/** The one person signed in to the stand-in's org (it has no sign-in page). */
export interface Person {
  id: string;
  login: string;
  name: string;
}

/** What an authorization code, refresh token or access token stands for. */
export interface Issued {
  clientId: string;
  scopes: string[];
  userId?: string;
  expiresAt: number;
  revoked?: boolean;
}

export interface IssuedCode extends Issued {
  redirectUri: string;
  codeChallenge?: string;
  used?: boolean;
}

export interface IssuedRefreshToken extends Issued {
  /** Every token of one sign-in shares a family; reuse of a rotated one ends it. */
  family: string;
  /** When it was rotated away (ROTATE apps, epoch ms); it still works for the app's leeway. */
  rotatedAt?: number;
}

export interface Scope {
  id: string;
  name: string;
  description?: string;
  displayName?: string;
  system: boolean;
  default: boolean;
  optional: boolean;
  consent: string;
  metadataPublish: string;
}

export interface Rule {
  type: 'RESOURCE_ACCESS';
  id: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  priority: number;
  system: boolean;
  created: string;
  lastUpdated: string;
  conditions: {
    people: { users: { include: string[]; exclude: string[] }; groups: { include: string[]; exclude: string[] } };
    grantTypes: { include: string[] };
    scopes: { include: string[] };
  };
  actions: { token: { accessTokenLifetimeMinutes: number; refreshTokenLifetimeMinutes: number; refreshTokenWindowMinutes: number } };
}

export interface Policy {
  type: 'OAUTH_AUTHORIZATION_POLICY';
  id: string;
  name: string;
  description: string;
  status: 'ACTIVE' | 'INACTIVE';
  priority: number;
  system: boolean;
  created: string;
  lastUpdated: string;
  conditions: { clients: { include: string[] } };
  rules: Rule[];
}

export interface AuthServer {
  id: string;
  name: string;
  description: string;
  audiences: string[];
  issuer: string;
  issuerMode: 'ORG_URL';
  status: 'ACTIVE';
  created: string;
  lastUpdated: string;
  scopes: Scope[];
  policies: Policy[];
}

export interface Org {
  apps: Map<string, OidcApp>;
  server: AuthServer;
  groups: Group[];
  person: Person;
  codes: Map<string, IssuedCode>;
  refreshTokens: Map<string, IssuedRefreshToken>;
  /** Access tokens by jti, for introspection and revocation. */
  accessTokens: Map<string, Issued>;
  /** Client-assertion `jti`s already used, with when they may be forgotten. */
  assertionJtis: Map<string, number>;
}

/** The client id of the portal's own sign-in app, which the seeded sign-in policy names. */
export const PORTAL_SIGN_IN_CLIENT = '0oaportalsignin00000';

/** The scopes Okta puts on every custom authorization server (`system: true`). */
const SYSTEM_SCOPES = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'device_sso'];

export function newSecret(): ClientSecret {
  const secret = randomBytes(48).toString('base64url');
  return {
    id: oktaId('ocs'),
    status: 'ACTIVE',
    client_secret: secret,
    secret_hash: randomBytes(16).toString('base64url'),
    created: now(),
    lastUpdated: now(),
  };
}

export function newRule(input: Pick<Rule, 'name' | 'priority' | 'status' | 'conditions' | 'actions'>): Rule {
  return { type: 'RESOURCE_ACCESS', id: oktaId('0pr'), system: false, created: now(), lastUpdated: now(), ...input };
}

const people = () => ({ users: { include: [], exclude: [] }, groups: { include: ['EVERYONE'], exclude: [] } });
const token = () => ({ accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 });

export interface OrgSeed {
  authServerId: string;
  issuer: string;
  audience: string;
  /**
   * Adds what Okta's out-of-the-box `default` server ships with: an
   * ALL_CLIENTS policy whose rule grants client_credentials for any scope.
   * Off by default — with it, unsubscribed scopes are granted by fall-through
   * (see README).
   */
  catchAllPolicy: boolean;
}

export function newOrg(seed: OrgSeed): Org {
  const t = now();
  const scopes: Scope[] = SYSTEM_SCOPES.map((name) => ({
    id: oktaId('scp'),
    name,
    description: `Okta system scope ${name}`,
    system: true,
    default: false,
    optional: false,
    consent: 'IMPLICIT',
    metadataPublish: 'ALL_CLIENTS',
  }));
  // A custom scope someone made by hand: the adapter must not list it as a product.
  scopes.push({
    id: oktaId('scp'),
    name: 'legacy.reports',
    description: 'Made in the Admin Console',
    system: false,
    default: false,
    optional: false,
    consent: 'IMPLICIT',
    metadataPublish: 'NO_CLIENTS',
  });

  // The portal's own sign-in policy: only the portal's sign-in client, only
  // user flows. (Written for ALL_CLIENTS, as servers often are, it would give
  // every user-facing Lanyard app every product's scope by fall-through: see
  // README.)
  const signIn: Policy = {
    type: 'OAUTH_AUTHORIZATION_POLICY',
    id: oktaId('00p'),
    name: 'Portal sign-in',
    description: 'Users signing in to the portal',
    status: 'ACTIVE',
    priority: 1,
    system: false,
    created: t,
    lastUpdated: t,
    conditions: { clients: { include: [PORTAL_SIGN_IN_CLIENT] } },
    rules: [
      newRule({
        name: 'Authorization code',
        priority: 1,
        status: 'ACTIVE',
        conditions: { people: people(), grantTypes: { include: ['authorization_code'] }, scopes: { include: ['*'] } },
        actions: { token: token() },
      }),
    ],
  };
  const policies = [signIn];
  if (seed.catchAllPolicy) {
    policies.push({
      ...signIn,
      id: oktaId('00p'),
      name: 'Default Policy',
      description: 'Default policy description',
      priority: 2,
      system: true,
      conditions: { clients: { include: ['ALL_CLIENTS'] } },
      rules: [
        newRule({
          name: 'Default Policy Rule',
          priority: 1,
          status: 'ACTIVE',
          conditions: {
            people: people(),
            grantTypes: { include: ['client_credentials', 'authorization_code'] },
            scopes: { include: ['*'] },
          },
          actions: { token: token() },
        }),
      ],
    });
  }
  return {
    apps: new Map(),
    groups: [
      { id: oktaId('00g'), type: 'BUILT_IN', profile: { name: 'Everyone', description: 'All users in your organization' } },
      { id: oktaId('00g'), type: 'OKTA_GROUP', profile: { name: 'Everyone else', description: 'A hand-made group with a similar name' } },
    ],
    person: { id: oktaId('00u'), login: 'dev@example.com', name: 'Dee Veloper' },
    codes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    assertionJtis: new Map(),
    server: {
      id: seed.authServerId,
      name: 'Lanyard stand-in',
      description: 'Custom authorization server of the Okta stand-in',
      audiences: [seed.audience],
      issuer: seed.issuer,
      issuerMode: 'ORG_URL',
      status: 'ACTIVE',
      created: t,
      lastUpdated: t,
      scopes,
      policies,
    },
  };
}

/** Okta renumbers priorities so they stay 1..n, in order, after every insert or move. */
export function renumber<T extends { priority: number }>(items: T[], moved?: T): T[] {
  const sorted = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.priority - b.item.priority || (a.item === moved ? -1 : b.item === moved ? 1 : a.index - b.index))
    .map(({ item }) => item);
  sorted.forEach((item, i) => (item.priority = i + 1));
  return sorted;
}
