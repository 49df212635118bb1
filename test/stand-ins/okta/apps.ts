import { asArray, asObject, errors, paginate } from './http';
import { newSecret, now, oktaId, type ClientSecret, type OidcApp } from './org';
import type { Call, Reply, Route } from './routes';

// /api/v1/apps: OIDC apps and their client secrets (the "Applications" and
// "Application SSO Public Keys" parts of the management API).

const GRANT_TYPES = [
  'authorization_code',
  'implicit',
  'password',
  'refresh_token',
  'client_credentials',
  'urn:ietf:params:oauth:grant-type:token-exchange',
];
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'];
const MAX_SECRETS = 2;

export function appJson(app: OidcApp, origin: string, withSecret?: string) {
  const { secrets: _secrets, groups: _groups, ...rest } = app;
  const href = `${origin}/api/v1/apps/${app.id}`;
  return {
    ...rest,
    credentials: {
      userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
      oauthClient: { ...app.credentials.oauthClient, ...(withSecret ? { client_secret: withSecret } : {}) },
    },
    _links: { self: { href }, deactivate: { href: `${href}/lifecycle/deactivate` } },
  };
}

/** Okta shows a stored secret only masked; the full value only in the answer that created it. */
function secretJson(app: OidcApp, s: ClientSecret, reveal = false) {
  const masked = `${s.client_secret.slice(0, 6)}${'*'.repeat(12)}${s.client_secret.slice(-4)}`;
  const href = `/api/v1/apps/${app.id}/credentials/secrets/${s.id}`;
  return { ...s, client_secret: reveal ? s.client_secret : masked, _links: { self: { href } } };
}

function appOr404(c: Call): OidcApp {
  const app = c.org.apps.get(c.params[0]!);
  if (!app) throw errors.notFound(`${c.params[0]} (AppInstance)`);
  return app;
}

function secretOr404(app: OidcApp, id: string): ClientSecret {
  const secret = app.secrets.find((s) => s.id === id);
  if (!secret) throw errors.notFound(`${id} (OAuth2ClientSecret)`);
  return secret;
}

const OKTA_TYPES = ['web', 'browser', 'native', 'service'];

/** Okta's redirect-URI checks, as far as the stand-in models them: absolute, no fragment, no wildcard without wildcard_redirect. */
function badRedirectUri(uri: string): string | undefined {
  const parsed = URL.parse(uri);
  if (!parsed) return 'must be an absolute URI';
  if (uri.includes('#')) return 'must not contain a fragment';
  if (uri.includes('*')) return 'must not contain a wildcard unless wildcard_redirect is enabled';
  return undefined;
}

/** Okta's rules for an OIDC app's type, grants, auth method, redirects and keys (the parts the stand-in checks). */
function validateOauth(settings: Record<string, unknown>, oauthClient: Record<string, unknown>, causes: string[]) {
  const grants = asArray(settings.grant_types);
  const responses = asArray(settings.response_types);
  const type = String(settings.application_type ?? 'web');
  const method = String(oauthClient.token_endpoint_auth_method ?? 'client_secret_basic');
  const redirects = asArray(settings.redirect_uris);
  const logouts = asArray(settings.post_logout_redirect_uris);
  const pkce = oauthClient.pkce_required === undefined ? type === 'browser' || type === 'native' : oauthClient.pkce_required === true;
  if (!OKTA_TYPES.includes(type)) causes.push('application_type: Invalid value');
  if (!grants.length || grants.some((g) => !GRANT_TYPES.includes(g))) causes.push('grant_types: Invalid grant types');
  if (type === 'service' && grants.some((g) => g !== 'client_credentials' && g !== 'urn:ietf:params:oauth:grant-type:token-exchange'))
    causes.push('grant_types: Service applications only support client_credentials');
  if (type !== 'service' && grants.includes('client_credentials'))
    causes.push(`grant_types: client_credentials is not allowed for ${type} applications`);
  if (grants.includes('client_credentials') && !responses.includes('token'))
    causes.push("response_types: 'token' is required for client_credentials");
  if (grants.includes('authorization_code') && !responses.includes('code'))
    causes.push("response_types: 'code' is required for authorization_code");
  if (grants.includes('authorization_code') && !redirects.length) causes.push('redirect_uris: At least one redirect URI is required');
  for (const uri of [...redirects, ...logouts]) {
    const bad = badRedirectUri(uri);
    if (bad) causes.push(`redirect_uris: ${uri} ${bad}`);
  }
  if (!AUTH_METHODS.includes(method) || (type === 'service' && method === 'none') || (type === 'web' && method === 'none'))
    causes.push('token_endpoint_auth_method: Invalid value');
  if (type === 'browser' && method !== 'none') causes.push('token_endpoint_auth_method: Browser applications must use none');
  if (method === 'none' && !pkce) causes.push('pkce_required: PKCE is required when token_endpoint_auth_method is none');
  const jwks = settings.jwks as { keys?: unknown } | undefined;
  if (method === 'private_key_jwt' && !(Array.isArray(jwks?.keys) && jwks.keys.length) && typeof settings.jwks_uri !== 'string')
    causes.push('jwks: A JWKS or jwks_uri is required for private_key_jwt');
  if (Array.isArray(jwks?.keys) && jwks.keys.length > 1 && jwks.keys.some((k) => !(k as { kid?: unknown }).kid))
    causes.push('jwks: Each key needs a kid when there is more than one');
  const refresh = settings.refresh_token as { rotation_type?: unknown; leeway?: unknown } | undefined;
  if (refresh && !['ROTATE', 'STATIC'].includes(String(refresh.rotation_type))) causes.push('refresh_token.rotation_type: Invalid value');
  if (refresh?.leeway !== undefined && !(Number(refresh.leeway) >= 0 && Number(refresh.leeway) <= 60))
    causes.push('refresh_token.leeway: Must be between 0 and 60');
  return {
    grants,
    responses,
    type,
    method,
    pkce,
    oauth: {
      application_type: type,
      grant_types: grants,
      response_types: responses,
      redirect_uris: redirects,
      ...(logouts.length ? { post_logout_redirect_uris: logouts } : {}),
      ...(Array.isArray(jwks?.keys) ? { jwks: { keys: jwks.keys as Record<string, unknown>[] } } : {}),
      ...(typeof settings.jwks_uri === 'string' ? { jwks_uri: settings.jwks_uri } : {}),
      ...(refresh
        ? {
            refresh_token: {
              rotation_type: refresh.rotation_type as 'ROTATE' | 'STATIC',
              leeway: refresh.leeway === undefined ? 30 : Number(refresh.leeway),
            },
          }
        : type === 'browser'
          ? { refresh_token: { rotation_type: 'ROTATE' as const, leeway: 30 } }
          : {}),
    },
  };
}

function validateNewApp(body: Record<string, unknown>, taken: (clientId: string) => boolean) {
  const settings = asObject(asObject(body.settings).oauthClient);
  const oauthClient = asObject(asObject(body.credentials).oauthClient);
  const causes: string[] = [];
  if (body.name !== 'oidc_client') causes.push('name: The stand-in models OIDC apps (oidc_client) only');
  if (body.signOnMode !== 'OPENID_CONNECT') causes.push('signOnMode: must be OPENID_CONNECT for oidc_client');
  if (typeof body.label !== 'string' || !body.label.trim()) causes.push('label: The field cannot be left blank');
  else if (body.label.length > 100) causes.push('label: The field is too long');
  const v = validateOauth(settings, oauthClient, causes);
  const clientId = typeof oauthClient.client_id === 'string' ? oauthClient.client_id : undefined;
  if (clientId && taken(clientId)) causes.push('client_id: An object with this field already exists');
  if (causes.length) throw errors.validation(...causes);
  return { ...v, clientId, autoKeyRotation: oauthClient.autoKeyRotation !== false };
}

/** Methods that authenticate with a secret get one generated; the others hold none (Okta rejects one for private_key_jwt). */
const usesSecret = (method: string) =>
  method === 'client_secret_basic' || method === 'client_secret_post' || method === 'client_secret_jwt';

export const appRoutes: Route[] = [
  [
    'GET',
    /^\/api\/v1\/apps$/,
    (c) => {
      const q = c.url.searchParams.get('q')?.toLowerCase();
      const apps = [...c.org.apps.values()].filter((a) => !q || a.name.toLowerCase().startsWith(q) || a.label.toLowerCase().startsWith(q));
      const { page, link } = paginate(apps, c.url, c.origin, { defaultLimit: Math.min(20, c.maxPageSize), maxLimit: c.maxPageSize });
      return { status: 200, body: page.map((a) => appJson(a, c.origin)), headers: { link } };
    },
  ],
  [
    'POST',
    /^\/api\/v1\/apps$/,
    async (c): Promise<Reply> => {
      const body = await c.json();
      const apps = [...c.org.apps.values()];
      const v = validateNewApp(body, (id) => apps.some((a) => a.credentials.oauthClient.client_id === id));
      const id = oktaId('0oa');
      const secret = usesSecret(v.method) ? newSecret() : undefined;
      const t = now();
      const app: OidcApp = {
        id,
        name: 'oidc_client',
        label: String(body.label),
        status: c.url.searchParams.get('activate') === 'false' ? 'INACTIVE' : 'ACTIVE',
        created: t,
        lastUpdated: t,
        signOnMode: 'OPENID_CONNECT',
        // An OIDC app's client_id is its app id unless the request names one.
        credentials: {
          oauthClient: {
            client_id: v.clientId ?? id,
            token_endpoint_auth_method: v.method,
            autoKeyRotation: v.autoKeyRotation,
            pkce_required: v.pkce,
          },
        },
        settings: { oauthClient: v.oauth },
        secrets: secret ? [secret] : [],
        groups: [],
      };
      c.org.apps.set(id, app);
      return { status: 200, body: appJson(app, c.origin, secret?.client_secret) };
    },
  ],
  ['GET', /^\/api\/v1\/apps\/([^/]+)$/, (c) => ({ status: 200, body: appJson(appOr404(c), c.origin) })],
  [
    // Replace an application: the whole app comes back; Okta keeps the id, client id, secrets and status.
    'PUT',
    /^\/api\/v1\/apps\/([^/]+)$/,
    async (c) => {
      const app = appOr404(c);
      const body = await c.json();
      const settings = asObject(asObject(body.settings).oauthClient);
      const oauthClient = asObject(asObject(body.credentials).oauthClient);
      const causes: string[] = [];
      if (typeof body.label !== 'string' || !body.label.trim()) causes.push('label: The field cannot be left blank');
      const v = validateOauth(settings, oauthClient, causes);
      if (v.type !== app.settings.oauthClient.application_type) causes.push('application_type: The application type cannot be changed');
      if (causes.length) throw errors.validation(...causes);
      app.label = String(body.label);
      app.settings.oauthClient = { ...v.oauth, refresh_token: v.oauth.refresh_token ?? app.settings.oauthClient.refresh_token };
      app.credentials.oauthClient = { ...app.credentials.oauthClient, token_endpoint_auth_method: v.method, pkce_required: v.pkce };
      app.lastUpdated = now();
      return { status: 200, body: appJson(app, c.origin) };
    },
  ],
  [
    'PUT',
    /^\/api\/v1\/apps\/([^/]+)\/groups\/([^/]+)$/,
    (c) => {
      const app = appOr404(c);
      const group = c.org.groups.find((g) => g.id === c.params[1]);
      if (!group) throw errors.notFound(`${c.params[1]} (UserGroup)`);
      if (!app.groups.includes(group.id)) app.groups.push(group.id);
      return { status: 200, body: { id: group.id, priority: 0, lastUpdated: now(), profile: {} } };
    },
  ],
  [
    'GET',
    /^\/api\/v1\/apps\/([^/]+)\/groups$/,
    (c) => ({ status: 200, body: appOr404(c).groups.map((id) => ({ id, priority: 0, profile: {} })) }),
  ],
  [
    'GET',
    /^\/api\/v1\/groups$/,
    (c) => {
      // Okta's q: a prefix match on the group's name.
      const q = c.url.searchParams.get('q')?.toLowerCase() ?? '';
      return { status: 200, body: c.org.groups.filter((g) => g.profile.name.toLowerCase().startsWith(q)) };
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/apps\/([^/]+)$/,
    (c) => {
      const app = appOr404(c);
      if (app.status === 'ACTIVE') throw errors.deleteActiveApp();
      c.org.apps.delete(app.id);
      return { status: 204 };
    },
  ],
  [
    'POST',
    /^\/api\/v1\/apps\/([^/]+)\/lifecycle\/(activate|deactivate)$/,
    (c) => {
      const app = appOr404(c);
      app.status = c.params[1] === 'activate' ? 'ACTIVE' : 'INACTIVE';
      app.lastUpdated = now();
      return { status: 200, body: {} };
    },
  ],
  [
    'GET',
    /^\/api\/v1\/apps\/([^/]+)\/credentials\/secrets$/,
    (c) => {
      const app = appOr404(c);
      return { status: 200, body: app.secrets.map((s) => secretJson(app, s)) };
    },
  ],
  [
    'POST',
    /^\/api\/v1\/apps\/([^/]+)\/credentials\/secrets$/,
    async (c) => {
      const app = appOr404(c);
      const body = await c.json();
      if (app.secrets.length >= MAX_SECRETS) throw errors.validation('client_secret: You can create up to two secrets for a client');
      const secret = newSecret();
      if (typeof body.client_secret === 'string') {
        if (body.client_secret.length < 14) throw errors.validation('client_secret: The client secret is too short');
        secret.client_secret = body.client_secret;
      }
      if (body.status === 'INACTIVE') secret.status = 'INACTIVE';
      app.secrets.push(secret);
      return { status: 201, body: secretJson(app, secret, true) };
    },
  ],
  [
    'GET',
    /^\/api\/v1\/apps\/([^/]+)\/credentials\/secrets\/([^/]+)$/,
    (c) => {
      const app = appOr404(c);
      return { status: 200, body: secretJson(app, secretOr404(app, c.params[1]!)) };
    },
  ],
  [
    'POST',
    /^\/api\/v1\/apps\/([^/]+)\/credentials\/secrets\/([^/]+)\/lifecycle\/(activate|deactivate)$/,
    (c) => {
      const app = appOr404(c);
      const secret = secretOr404(app, c.params[1]!);
      if (c.params[2] === 'deactivate') {
        const othersActive = app.secrets.some((s) => s !== secret && s.status === 'ACTIVE');
        if (secret.status === 'ACTIVE' && !othersActive)
          throw errors.validation("client_secret: You can't deactivate the only active secret of a client");
        secret.status = 'INACTIVE';
      } else {
        secret.status = 'ACTIVE';
      }
      secret.lastUpdated = now();
      return { status: 200, body: secretJson(app, secret) };
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/apps\/([^/]+)\/credentials\/secrets\/([^/]+)$/,
    (c) => {
      const app = appOr404(c);
      const secret = secretOr404(app, c.params[1]!);
      if (secret.status === 'ACTIVE') throw errors.validation('client_secret: Only an inactive secret can be deleted');
      app.secrets = app.secrets.filter((s) => s !== secret);
      return { status: 204 };
    },
  ],
];
