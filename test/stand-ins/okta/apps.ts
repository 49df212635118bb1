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
  const { secrets: _secrets, ...rest } = app;
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

function validateNewApp(body: Record<string, unknown>, taken: (clientId: string) => boolean) {
  const settings = asObject(asObject(body.settings).oauthClient);
  const oauthClient = asObject(asObject(body.credentials).oauthClient);
  const grants = asArray(settings.grant_types);
  const responses = asArray(settings.response_types);
  const type = String(settings.application_type ?? 'web');
  const method = String(oauthClient.token_endpoint_auth_method ?? 'client_secret_basic');
  const causes: string[] = [];
  if (body.name !== 'oidc_client') causes.push('name: The stand-in models OIDC apps (oidc_client) only');
  if (body.signOnMode !== 'OPENID_CONNECT') causes.push('signOnMode: must be OPENID_CONNECT for oidc_client');
  if (typeof body.label !== 'string' || !body.label.trim()) causes.push('label: The field cannot be left blank');
  else if (body.label.length > 100) causes.push('label: The field is too long');
  if (!grants.length || grants.some((g) => !GRANT_TYPES.includes(g))) causes.push('grant_types: Invalid grant types');
  if (type === 'service' && grants.some((g) => g !== 'client_credentials'))
    causes.push('grant_types: Service applications only support client_credentials');
  if (grants.includes('client_credentials') && !responses.includes('token'))
    causes.push("response_types: 'token' is required for client_credentials");
  if (!AUTH_METHODS.includes(method) || (type === 'service' && method === 'none')) causes.push('token_endpoint_auth_method: Invalid value');
  const clientId = typeof oauthClient.client_id === 'string' ? oauthClient.client_id : undefined;
  if (clientId && taken(clientId)) causes.push('client_id: An object with this field already exists');
  if (causes.length) throw errors.validation(...causes);
  return { grants, responses, type, method, clientId, autoKeyRotation: oauthClient.autoKeyRotation !== false };
}

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
      const secret = newSecret();
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
            pkce_required: false,
          },
        },
        settings: { oauthClient: { application_type: v.type, grant_types: v.grants, response_types: v.responses, redirect_uris: [] } },
        secrets: [secret],
      };
      c.org.apps.set(id, app);
      return { status: 200, body: appJson(app, c.origin, secret.client_secret) };
    },
  ],
  ['GET', /^\/api\/v1\/apps\/([^/]+)$/, (c) => ({ status: 200, body: appJson(appOr404(c), c.origin) })],
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
