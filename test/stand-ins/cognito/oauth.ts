import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { accessTokenSeconds, STANDARD_SCOPES } from './client-config';
import type { CognitoPool, StoredClient } from './pool';

// The user pool's OAuth side, at the domain and the issuer:
// - /oauth2/authorize for the code flow. There is no hosted sign-in page: the
//   pool's one person is always signed in. The redirect URI must be one of the
//   client's CallbackURLs exactly (else an error page, never a redirect); the
//   code flow must be allowed; every requested scope must be allowed
//   (else invalid_scope to the redirect URI); a code_challenge, when sent,
//   must be S256 (Cognito cannot be made to require one).
// - /oauth2/token for authorization_code (public clients send client_id and
//   no secret), refresh_token (no rotation: the same refresh token stays, as
//   without RefreshTokenRotation) and client_credentials.
// - /oauth2/revoke for refresh tokens; /.well-known/jwks.json.
// Access tokens carry Cognito's claims: sub (the person, or the client for
// client_credentials), client_id, token_use "access", `scope` as one
// space-separated string, username for people, and no `aud`.

export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface AuthorizeAnswer {
  status: number;
  location?: string;
  body?: Record<string, unknown>;
}

interface Grant {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

const PERSON = { sub: '4a1b2c3d-0000-4000-8000-000000000001', username: 'dee', email: 'dev@example.com' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

export class PoolOAuth {
  private readonly codes = new Map<string, Grant & { redirectUri: string; challenge?: string; used?: boolean }>();
  private readonly refreshTokens = new Map<string, Grant & { revoked?: boolean }>();

  private constructor(
    private readonly pool: CognitoPool,
    readonly issuer: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(pool: CognitoPool, issuer: string): Promise<PoolOAuth> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    return new PoolOAuth(pool, issuer, privateKey, jwk);
  }

  jwks(): Record<string, unknown> {
    return { keys: [this.publicJwk] };
  }

  authorize(query: URLSearchParams): AuthorizeAnswer {
    const client = this.pool.findClient(query.get('client_id') ?? '');
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client) return { status: 400, body: { error: 'invalid_request', error_description: 'Client does not exist' } };
    if (!((client.settings.CallbackURLs ?? []) as string[]).includes(redirectUri)) {
      return { status: 400, body: { error: 'redirect_mismatch' } };
    }
    const back = (params: Record<string, string>): AuthorizeAnswer => {
      const target = new URL(redirectUri);
      const state = query.get('state');
      for (const [k, v] of Object.entries({ ...params, ...(state ? { state } : {}) })) target.searchParams.set(k, v);
      return { status: 302, location: target.href };
    };
    if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    if (
      client.settings.AllowedOAuthFlowsUserPoolClient !== true ||
      !((client.settings.AllowedOAuthFlows ?? []) as string[]).includes('code')
    )
      return back({ error: 'unauthorized_client' });
    const allowed = (client.settings.AllowedOAuthScopes ?? []) as string[];
    const scopes = [...new Set((query.get('scope') ?? allowed.join(' ')).split(' ').filter(Boolean))];
    if (!scopes.length || scopes.some((s) => !allowed.includes(s) || (!STANDARD_SCOPES.includes(s) && !this.pool.customScopeExists(s)))) {
      return back({ error: 'invalid_scope' });
    }
    const challenge = query.get('code_challenge') ?? undefined;
    if (challenge && query.get('code_challenge_method') !== 'S256') return back({ error: 'invalid_request' });
    const code = randomUUID();
    this.codes.set(code, { clientId: client.clientId, scopes, redirectUri, challenge, expiresAt: nowSeconds() + 300 });
    return back({ code });
  }

  async token(headers: { authorization?: string; 'content-type'?: string }, rawBody: string): Promise<OAuthAnswer> {
    const error = (code: string, status = 400): OAuthAnswer => ({ status, body: { error: code } });
    if (!headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return error('invalid_request');
    const form = new URLSearchParams(rawBody);
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials' && grant !== 'authorization_code' && grant !== 'refresh_token')
      return error(grant ? 'unsupported_grant_type' : 'invalid_request');

    const client = this.authenticate(headers.authorization, form);
    if (!client) return error('invalid_client');

    // A client with OAuth switched off is refused whatever it asks (reported as invalid_grant).
    if (client.settings.AllowedOAuthFlowsUserPoolClient !== true) return error('invalid_grant');
    const flows = (client.settings.AllowedOAuthFlows ?? []) as string[];
    if (grant === 'client_credentials') {
      if (!flows.includes('client_credentials')) return error('unauthorized_client');
      const scopes = this.grantedScopes(client, form.get('scope'));
      if (!scopes) return error('invalid_scope');
      const lifetime = accessTokenSeconds(client.settings);
      const accessToken = await this.accessToken(client, scopes, lifetime);
      return { status: 200, body: { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' } };
    }
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (!code || code.used || code.expiresAt < nowSeconds() || code.clientId !== client.clientId) return error('invalid_grant');
      code.used = true;
      if (form.get('redirect_uri') !== code.redirectUri) return error('invalid_grant');
      const verifier = form.get('code_verifier');
      if (code.challenge && (!verifier || createHash('sha256').update(verifier).digest('base64url') !== code.challenge))
        return error('invalid_grant');
      const refreshToken = randomBytes(48).toString('base64url');
      this.refreshTokens.set(refreshToken, { clientId: client.clientId, scopes: code.scopes, expiresAt: nowSeconds() + 30 * 86400 });
      return { status: 200, body: { ...(await this.userTokens(client, code.scopes)), refresh_token: refreshToken } };
    }
    const stored = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!stored || stored.revoked || stored.expiresAt < nowSeconds() || stored.clientId !== client.clientId) return error('invalid_grant');
    // Scopes the client lost since are dropped from the new tokens.
    const scopes = stored.scopes.filter((s) => ((client.settings.AllowedOAuthScopes ?? []) as string[]).includes(s));
    return { status: 200, body: await this.userTokens(client, scopes) };
  }

  /** RFC 7009 for refresh tokens (Cognito revokes nothing else); always 200 for a known client. */
  revoke(headers: { authorization?: string; 'content-type'?: string }, rawBody: string): OAuthAnswer {
    const form = new URLSearchParams(rawBody);
    const client = this.authenticate(headers.authorization, form);
    if (!client) return { status: 400, body: { error: 'invalid_client' } };
    const stored = this.refreshTokens.get(form.get('token') ?? '');
    if (stored && stored.clientId === client.clientId) stored.revoked = true;
    else if (!stored) return { status: 400, body: { error: 'unsupported_token_type' } };
    return { status: 200, body: {} };
  }

  /** A confidential client by one of its secrets; a public one by its id alone. */
  private authenticate(authorization: string | undefined, form: URLSearchParams): StoredClient | undefined {
    const credentials = clientCredentialsOf(authorization, form);
    if (credentials) {
      const client = this.pool.findClient(credentials.id);
      return client && client.secrets.some((s) => sameSecret(s.value, credentials.secret)) ? client : undefined;
    }
    const client = this.pool.findClient(form.get('client_id') ?? '');
    return client && client.secrets.length === 0 ? client : undefined;
  }

  private async userTokens(client: StoredClient, scopes: string[]) {
    const lifetime = accessTokenSeconds(client.settings);
    const now = nowSeconds();
    const body: Record<string, unknown> = {
      access_token: await this.accessToken(client, scopes, lifetime, PERSON),
      expires_in: lifetime,
      token_type: 'Bearer',
    };
    if (scopes.includes('openid')) {
      body.id_token = await new SignJWT({
        sub: PERSON.sub,
        aud: client.clientId,
        token_use: 'id',
        'cognito:username': PERSON.username,
        email: PERSON.email,
        iss: this.issuer,
        iat: now,
        exp: now + 3600,
        auth_time: now,
      })
        .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
        .sign(this.privateKey);
    }
    return body;
  }

  private accessToken(client: StoredClient, scopes: string[], lifetime: number, person?: typeof PERSON): Promise<string> {
    const now = nowSeconds();
    return new SignJWT({
      sub: person?.sub ?? client.clientId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: now,
      iss: this.issuer,
      exp: now + lifetime,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.clientId,
      ...(person ? { username: person.username } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
      .sign(this.privateKey);
  }

  /**
   * The scopes a client-credentials request gets: each asked-for scope must be one the client is
   * allowed and one a resource server still defines. No `scope` means every
   * allowed custom scope. Nothing to grant is invalid_scope.
   */
  private grantedScopes(client: StoredClient, requested: string | null): string[] | undefined {
    const allowed = ((client.settings.AllowedOAuthScopes ?? []) as string[]).filter((s) => this.pool.customScopeExists(s));
    if (requested === null) return allowed.length ? allowed : undefined;
    const asked = [...new Set(requested.split(' ').filter(Boolean))];
    if (!asked.length || asked.some((s) => !allowed.includes(s))) return undefined;
    return asked;
  }
}

function clientCredentialsOf(authorization: string | undefined, form: URLSearchParams): { id: string; secret: string } | undefined {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
}

/**
 * RFC 6749 §2.3.1 has clients percent-encode id and secret inside Basic.
 * A literal `+` is kept (Cognito secrets may contain it), not read as a space.
 */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function sameSecret(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
