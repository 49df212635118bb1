import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { readBody } from './http';
import type { OidcApp, Org, Policy, Rule } from './org';

// The custom authorization server's OAuth side: /oauth2/{as}/v1/token for
// client_credentials, decided the way Okta decides it — by walking the
// access policies and rules the adapter wrote — and /v1/keys.

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'device_sso']);

export interface OAuthReply {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (status: number, error: string, error_description: string): OAuthReply => ({
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

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function credentials(req: IncomingMessage, form: URLSearchParams): { id: string; secret: string } | 'both' | undefined {
  const header = req.headers.authorization;
  const inBody = form.has('client_id') || form.has('client_secret');
  if (header?.startsWith('Basic ')) {
    if (inBody && form.has('client_secret')) return 'both';
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      return undefined;
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
}

function secretMatches(app: OidcApp, secret: string): boolean {
  const given = Buffer.from(secret);
  return app.secrets.some((s) => {
    const stored = Buffer.from(s.client_secret);
    return s.status === 'ACTIVE' && stored.length === given.length && timingSafeEqual(stored, given);
  });
}

/** Okta's order: policies by priority, then their rules by priority; the first rule that covers the whole request wins. */
function matchingRule(policies: Policy[], clientId: string, scopes: string[]): Rule | undefined {
  const byPriority = <T extends { priority: number }>(items: T[]) => [...items].sort((a, b) => a.priority - b.priority);
  for (const policy of byPriority(policies)) {
    const clients = policy.conditions.clients.include;
    if (policy.status !== 'ACTIVE' || !(clients.includes(clientId) || clients.includes('ALL_CLIENTS'))) continue;
    for (const rule of byPriority(policy.rules)) {
      if (rule.status !== 'ACTIVE' || !rule.conditions.grantTypes.include.includes('client_credentials')) continue;
      const granted = rule.conditions.scopes.include;
      if (granted.includes('*') || scopes.every((s) => granted.includes(s))) return rule;
    }
  }
  return undefined;
}

export async function tokenEndpoint(req: IncomingMessage, org: Org, key: SigningKey): Promise<OAuthReply> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(await readBody(req));
  const creds = credentials(req, form);
  if (creds === 'both')
    return oauthError(
      400,
      'invalid_request',
      'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
    );
  if (!creds)
    return oauthError(401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.');

  const app = [...org.apps.values()].find((a) => a.credentials.oauthClient.client_id === creds.id);
  if (!app || app.status !== 'ACTIVE') return oauthError(401, 'invalid_client', "Invalid value for 'client_id' parameter.");
  if (!secretMatches(app, creds.secret))
    return oauthError(401, 'invalid_client', 'The client secret supplied for a confidential client is invalid.');

  const grant = form.get('grant_type');
  if (!grant)
    return oauthError(400, 'invalid_request', "The token request must specify a 'grant_type'. Valid values: [client_credentials]");
  if (grant !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', `The authorization server does not support the requested grant type '${grant}'.`);
  if (!app.settings.oauthClient.grant_types.includes(grant)) {
    return oauthError(
      400,
      'unauthorized_client',
      `The client is not authorized to use the provided grant type. Configured grant types: [${app.settings.oauthClient.grant_types.join(', ')}].`,
    );
  }

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

  const rule = matchingRule(server.policies, creds.id, scopes);
  if (!rule) return oauthError(400, 'access_denied', 'Policy evaluation failed for this request, please check the policy configurations.');

  const iat = Math.floor(Date.now() / 1000);
  const expiresIn = rule.actions.token.accessTokenLifetimeMinutes * 60;
  const accessToken = await key.sign({
    ver: 1,
    jti: `AT.${randomBytes(32).toString('base64url')}`,
    iss: server.issuer,
    aud: server.audiences[0],
    iat,
    exp: iat + expiresIn,
    cid: creds.id,
    scp: scopes,
    sub: creds.id,
  });
  return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken, scope: scopes.join(' ') } };
}

export function metadata(org: Org) {
  const issuer = org.server.issuer;
  return {
    issuer,
    token_endpoint: `${issuer}/v1/token`,
    jwks_uri: `${issuer}/v1/keys`,
    introspection_endpoint: `${issuer}/v1/introspect`,
    revocation_endpoint: `${issuer}/v1/revoke`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: org.server.scopes.filter((s) => s.metadataPublish === 'ALL_CLIENTS').map((s) => s.name),
  };
}
