import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createLocalJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import { readBody } from './http';
import type { Issued, OidcApp, Org, Policy, Rule } from './org';

// The custom authorization server's OAuth side, decided the way Okta decides
// it — by walking the access policies and rules the adapter wrote:
// - /v1/authorize (authorize.ts) and /v1/token for authorization_code (with
//   PKCE), refresh_token (rotated or static, with reuse detection) and
//   client_credentials;
// - client authentication by client_secret_basic, client_secret_post,
//   private_key_jwt (RFC 7523, Okta's rules) or none (public clients);
// - /v1/introspect and /v1/revoke for the tokens it issued; /v1/keys.

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'device_sso']);
const CODE_TTL = 60;
const REFRESH_TTL = 7 * 24 * 3600;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface OAuthReply {
  status: number;
  body: Record<string, unknown>;
}

export const oauthError = (status: number, error: string, error_description: string): OAuthReply => ({
  status,
  body: { error, error_description },
});

export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  sign(payload: Record<string, unknown>): Promise<string>;
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(24).toString('base64url');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    publicJwk,
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey),
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const opaque = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

type Credentials =
  { kind: 'secret'; id: string; secret: string } | { kind: 'assertion'; assertion: string } | { kind: 'public'; id: string };

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function credentials(req: IncomingMessage, form: URLSearchParams): Credentials | 'both' | undefined {
  const header = req.headers.authorization;
  const assertion = form.get('client_assertion');
  if (assertion && (header?.startsWith('Basic ') || form.has('client_secret'))) return 'both';
  if (assertion) return form.get('client_assertion_type') === ASSERTION_TYPE ? { kind: 'assertion', assertion } : undefined;
  const inBody = form.has('client_id') || form.has('client_secret');
  if (header?.startsWith('Basic ')) {
    if (inBody && form.has('client_secret')) return 'both';
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      return { kind: 'secret', id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      return undefined;
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  if (id && secret) return { kind: 'secret', id, secret };
  return id ? { kind: 'public', id } : undefined;
}

function secretMatches(app: OidcApp, secret: string): boolean {
  const given = Buffer.from(secret);
  return app.secrets.some((s) => {
    const stored = Buffer.from(s.client_secret);
    return s.status === 'ACTIVE' && stored.length === given.length && timingSafeEqual(stored, given);
  });
}

const findApp = (org: Org, clientId: string) => [...org.apps.values()].find((a) => a.credentials.oauthClient.client_id === clientId);

const invalidClient = (description = 'Client authentication failed. Either the client or the client credentials are invalid.') =>
  oauthError(401, 'invalid_client', description);

/**
 * The client, authenticated the way its registration says (Okta insists on
 * the registered method, except that basic and post are interchangeable).
 */
async function authenticate(req: IncomingMessage, form: URLSearchParams, org: Org): Promise<OidcApp | OAuthReply> {
  const creds = credentials(req, form);
  if (creds === 'both')
    return oauthError(
      400,
      'invalid_request',
      'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
    );
  if (!creds) return invalidClient();
  let clientId: string;
  if (creds.kind === 'assertion') {
    try {
      clientId = String(decodeJwt(creds.assertion).iss ?? '');
    } catch {
      return invalidClient('The client_assertion token is invalid.');
    }
  } else {
    clientId = creds.id;
  }
  const app = findApp(org, clientId);
  if (!app || app.status !== 'ACTIVE') return invalidClient("Invalid value for 'client_id' parameter.");
  const method = app.credentials.oauthClient.token_endpoint_auth_method;
  if (method === 'none') {
    return creds.kind === 'public' ? app : invalidClient('Client authentication is not allowed for public clients.');
  }
  if (method === 'private_key_jwt') {
    if (creds.kind !== 'assertion') return invalidClient('The client must authenticate with a client_assertion (private_key_jwt).');
    const problem = await assertionProblem(creds.assertion, app, org);
    return problem ? invalidClient(problem) : app;
  }
  if (creds.kind !== 'secret') return invalidClient();
  return secretMatches(app, creds.secret) ? app : invalidClient('The client secret supplied for a confidential client is invalid.');
}

/** Okta's client-assertion rules: signed by a registered key, iss = sub = client_id, aud = the token endpoint URL, exp ≤ 1 h ahead, jti once. */
async function assertionProblem(assertion: string, app: OidcApp, org: Org): Promise<string | undefined> {
  const oauth = app.settings.oauthClient;
  let keys: JSONWebKeySet | undefined = oauth.jwks as JSONWebKeySet | undefined;
  if (!keys && oauth.jwks_uri) {
    try {
      keys = (await (await fetch(oauth.jwks_uri, { signal: AbortSignal.timeout(2_000) })).json()) as JSONWebKeySet;
    } catch {
      return 'The client JWKS could not be fetched.';
    }
  }
  if (!keys?.keys?.length) return 'The client has no keys.';
  const clientId = app.credentials.oauthClient.client_id;
  try {
    const { payload } = await jwtVerify(assertion, createLocalJWKSet(keys), {
      issuer: clientId,
      subject: clientId,
      audience: `${org.server.issuer}/v1/token`,
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
      requiredClaims: ['exp'],
    });
    if ((payload.exp as number) > nowSeconds() + 3600) return 'The client_assertion token has an expiration too far in the future.';
    if (payload.jti) {
      const seen = `${clientId} ${payload.jti}`;
      for (const [jti, until] of org.assertionJtis) if (until < nowSeconds()) org.assertionJtis.delete(jti);
      if (org.assertionJtis.has(seen)) return 'The client_assertion token has already been used.';
      org.assertionJtis.set(seen, payload.exp as number);
    }
    return undefined;
  } catch {
    return 'The client_assertion token is invalid.';
  }
}

/** Okta's order: policies by priority, then their rules by priority; the first rule that covers the whole request wins. */
export function matchingRule(policies: Policy[], clientId: string, scopes: string[], grant: string): Rule | undefined {
  const byPriority = <T extends { priority: number }>(items: T[]) => [...items].sort((a, b) => a.priority - b.priority);
  for (const policy of byPriority(policies)) {
    const clients = policy.conditions.clients.include;
    if (policy.status !== 'ACTIVE' || !(clients.includes(clientId) || clients.includes('ALL_CLIENTS'))) continue;
    for (const rule of byPriority(policy.rules)) {
      if (rule.status !== 'ACTIVE' || !rule.conditions.grantTypes.include.includes(grant)) continue;
      const granted = rule.conditions.scopes.include;
      if (granted.includes('*') || scopes.every((s) => granted.includes(s))) return rule;
    }
  }
  return undefined;
}

export const policyFailed = () =>
  oauthError(400, 'access_denied', 'Policy evaluation failed for this request, please check the policy configurations.');

async function issueTokens(org: Org, key: SigningKey, app: OidcApp, rule: Rule, grant: Issued, family?: string): Promise<OAuthReply> {
  const server = org.server;
  const iat = nowSeconds();
  const expiresIn = rule.actions.token.accessTokenLifetimeMinutes * 60;
  const clientId = app.credentials.oauthClient.client_id;
  const jti = `AT.${randomBytes(32).toString('base64url')}`;
  const person = grant.userId ? org.person : undefined;
  const accessToken = await key.sign({
    ver: 1,
    jti,
    iss: server.issuer,
    aud: server.audiences[0],
    iat,
    exp: iat + expiresIn,
    cid: clientId,
    ...(person ? { uid: person.id, sub: person.login } : { sub: clientId }),
    scp: grant.scopes,
  });
  org.accessTokens.set(jti, { clientId, scopes: grant.scopes, userId: grant.userId, expiresAt: iat + expiresIn });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    expires_in: expiresIn,
    access_token: accessToken,
    scope: grant.scopes.join(' '),
  };
  if (person && grant.scopes.includes('openid')) {
    body.id_token = await key.sign({
      ver: 1,
      iss: server.issuer,
      aud: clientId,
      sub: person.id,
      iat,
      exp: iat + 3600,
      ...(grant.scopes.includes('profile') ? { name: person.name, preferred_username: person.login } : {}),
      ...(grant.scopes.includes('email') ? { email: person.login } : {}),
    });
  }
  if (person && grant.scopes.includes('offline_access') && app.settings.oauthClient.grant_types.includes('refresh_token')) {
    const refreshToken = opaque('');
    org.refreshTokens.set(refreshToken, {
      clientId,
      scopes: grant.scopes,
      userId: grant.userId,
      expiresAt: iat + REFRESH_TTL,
      family: family ?? randomBytes(8).toString('hex'),
    });
    body.refresh_token = refreshToken;
  }
  return { status: 200, body };
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

async function authorizationCodeGrant(form: URLSearchParams, org: Org, key: SigningKey, app: OidcApp): Promise<OAuthReply> {
  const code = org.codes.get(form.get('code') ?? '');
  const clientId = app.credentials.oauthClient.client_id;
  if (!code || code.used || code.expiresAt < nowSeconds() || code.clientId !== clientId) {
    return oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.');
  }
  code.used = true;
  if (form.get('redirect_uri') !== code.redirectUri) {
    return oauthError(400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
  }
  const verifier = form.get('code_verifier');
  if (code.codeChallenge ? !verifier || s256(verifier) !== code.codeChallenge : verifier) {
    return oauthError(400, 'invalid_grant', 'PKCE verification failed.');
  }
  const rule = matchingRule(org.server.policies, clientId, code.scopes, 'authorization_code');
  if (!rule) return policyFailed();
  return issueTokens(org, key, app, rule, code);
}

async function refreshTokenGrant(form: URLSearchParams, org: Org, key: SigningKey, app: OidcApp): Promise<OAuthReply> {
  const value = form.get('refresh_token') ?? '';
  const token = org.refreshTokens.get(value);
  const clientId = app.credentials.oauthClient.client_id;
  const invalid = () => oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.');
  if (!token || token.revoked || token.expiresAt < nowSeconds() || token.clientId !== clientId) return invalid();
  const rotation = app.settings.oauthClient.refresh_token ?? { rotation_type: 'STATIC', leeway: 0 };
  if (token.rotatedAt !== undefined && Date.now() - token.rotatedAt >= rotation.leeway * 1000) {
    // Reuse of a rotated token (Okta's detect_reuse): the whole family ends.
    for (const t of org.refreshTokens.values()) if (t.family === token.family) t.revoked = true;
    return invalid();
  }
  // A refresh is granted by the rule that would grant the original sign-in now.
  const rule = matchingRule(org.server.policies, clientId, token.scopes, 'authorization_code');
  if (!rule) return policyFailed();
  if (rotation.rotation_type === 'STATIC') {
    const reply = await issueTokens(org, key, app, rule, { ...token }, token.family);
    org.refreshTokens.delete(String(reply.body.refresh_token));
    reply.body.refresh_token = value;
    return reply;
  }
  token.rotatedAt = Date.now();
  return issueTokens(org, key, app, rule, { ...token }, token.family);
}

async function clientCredentialsGrant(form: URLSearchParams, org: Org, key: SigningKey, app: OidcApp): Promise<OAuthReply> {
  const server = org.server;
  let scopes = [...new Set((form.get('scope') ?? '').split(' ').filter(Boolean))];
  if (!scopes.length) {
    scopes = server.scopes.filter((s) => s.default).map((s) => s.name);
    if (!scopes.length)
      return oauthError(
        400,
        'invalid_scope',
        "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
      );
  }
  const oidc = scopes.filter((s) => OIDC_SCOPES.has(s));
  if (oidc.length) return oauthError(400, 'invalid_scope', `Cannot request '${oidc[0]}' scopes using client credentials.`);
  if (scopes.some((s) => !server.scopes.some((known) => known.name === s))) {
    return oauthError(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  }
  const rule = matchingRule(server.policies, app.credentials.oauthClient.client_id, scopes, 'client_credentials');
  if (!rule) return policyFailed();
  return issueTokens(org, key, app, rule, { clientId: app.credentials.oauthClient.client_id, scopes, expiresAt: 0 });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | OAuthReply> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await readBody(req));
}

export async function tokenEndpoint(req: IncomingMessage, org: Org, key: SigningKey): Promise<OAuthReply> {
  const form = await readForm(req);
  if (!(form instanceof URLSearchParams)) return form;
  const app = await authenticate(req, form, org);
  if (!('id' in app)) return app;

  const grant = form.get('grant_type');
  if (!grant)
    return oauthError(400, 'invalid_request', "The token request must specify a 'grant_type'. Valid values: [client_credentials]");
  const handlers = {
    authorization_code: authorizationCodeGrant,
    refresh_token: refreshTokenGrant,
    client_credentials: clientCredentialsGrant,
  };
  const handler = handlers[grant as keyof typeof handlers];
  if (!handler)
    return oauthError(400, 'unsupported_grant_type', `The authorization server does not support the requested grant type '${grant}'.`);
  if (!app.settings.oauthClient.grant_types.includes(grant)) {
    return oauthError(
      400,
      'unauthorized_client',
      `The client is not authorized to use the provided grant type. Configured grant types: [${app.settings.oauthClient.grant_types.join(', ')}].`,
    );
  }
  return handler(form, org, key, app);
}

/** The token as the server knows it: an access token by its jti, or a refresh token. */
function lookUp(
  org: Org,
  token: string,
): (Issued & { type: 'access_token' | 'refresh_token'; jti?: string; rotatedAt?: number }) | undefined {
  const refresh = org.refreshTokens.get(token);
  if (refresh) return { ...refresh, type: 'refresh_token' };
  try {
    const jti = String(decodeJwt(token).jti ?? '');
    const access = org.accessTokens.get(jti);
    return access ? { ...access, type: 'access_token', jti } : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 7662, for tokens issued to the calling client. */
export async function introspectionEndpoint(req: IncomingMessage, org: Org): Promise<OAuthReply> {
  const form = await readForm(req);
  if (!(form instanceof URLSearchParams)) return form;
  const app = await authenticate(req, form, org);
  if (!('id' in app)) return app;
  const found = lookUp(org, form.get('token') ?? '');
  const clientId = app.credentials.oauthClient.client_id;
  const usable = found && found.clientId === clientId && !found.revoked && found.expiresAt > nowSeconds() && found.rotatedAt === undefined;
  if (!usable) return { status: 200, body: { active: false } };
  return {
    status: 200,
    body: {
      active: true,
      token_type: found.type === 'access_token' ? 'Bearer' : undefined,
      scope: found.scopes.join(' '),
      client_id: clientId,
      ...(found.userId ? { username: org.person.login, uid: found.userId, sub: org.person.login } : { sub: clientId }),
      exp: found.expiresAt,
      iss: org.server.issuer,
      aud: found.type === 'access_token' ? org.server.audiences[0] : undefined,
    },
  };
}

/** RFC 7009: revoking a refresh token ends its family; an unknown token is a success. */
export async function revocationEndpoint(req: IncomingMessage, org: Org): Promise<OAuthReply> {
  const form = await readForm(req);
  if (!(form instanceof URLSearchParams)) return form;
  const app = await authenticate(req, form, org);
  if (!('id' in app)) return app;
  const value = form.get('token') ?? '';
  const found = lookUp(org, value);
  if (found && found.clientId === app.credentials.oauthClient.client_id) {
    if (found.type === 'refresh_token') {
      const family = org.refreshTokens.get(value)!.family;
      for (const t of org.refreshTokens.values()) if (t.family === family) t.revoked = true;
    } else {
      org.accessTokens.get(found.jti!)!.revoked = true;
    }
  }
  return { status: 200, body: {} };
}

export function metadata(org: Org) {
  const issuer = org.server.issuer;
  return {
    issuer,
    authorization_endpoint: `${issuer}/v1/authorize`,
    token_endpoint: `${issuer}/v1/token`,
    jwks_uri: `${issuer}/v1/keys`,
    introspection_endpoint: `${issuer}/v1/introspect`,
    revocation_endpoint: `${issuer}/v1/revoke`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    scopes_supported: org.server.scopes.filter((s) => s.metadataPublish === 'ALL_CLIENTS').map((s) => s.name),
  };
}

export { CODE_TTL, OIDC_SCOPES };
