import { randomUUID, timingSafeEqual } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { accessTokenSeconds } from './client-config';
import type { CognitoPool, StoredClient } from './pool';

// The user pool's OAuth side: the client_credentials grant at the domain's
// /oauth2/token, and the signing keys at the issuer's /.well-known/jwks.json.
// Access tokens carry Cognito's claims for a machine client: sub and
// client_id (the client), token_use "access", the granted scopes as one
// space-separated `scope` string, and no `aud`.

export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export class PoolOAuth {
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

  async token(headers: { authorization?: string; 'content-type'?: string }, rawBody: string): Promise<OAuthAnswer> {
    const error = (code: string, status = 400): OAuthAnswer => ({ status, body: { error: code } });
    if (!headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return error('invalid_request');
    const form = new URLSearchParams(rawBody);
    if (form.get('grant_type') !== 'client_credentials')
      return error(form.get('grant_type') ? 'unsupported_grant_type' : 'invalid_request');

    const credentials = clientCredentialsOf(headers.authorization, form);
    if (!credentials) return error('invalid_request');
    const client = this.pool.findClient(credentials.id);
    if (!client || !client.secrets.some((s) => sameSecret(s.value, credentials.secret))) return error('invalid_client');

    // A client with OAuth switched off is refused whatever it asks (reported as invalid_grant).
    if (client.settings.AllowedOAuthFlowsUserPoolClient !== true) return error('invalid_grant');
    if (!((client.settings.AllowedOAuthFlows ?? []) as string[]).includes('client_credentials')) return error('unauthorized_client');

    const scopes = this.grantedScopes(client, form.get('scope'));
    if (!scopes) return error('invalid_scope');
    const lifetime = accessTokenSeconds(client.settings);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      sub: client.clientId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: now,
      iss: this.issuer,
      exp: now + lifetime,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.clientId,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
      .sign(this.privateKey);
    return { status: 200, body: { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' } };
  }

  /**
   * The scopes a request gets: each asked-for scope must be one the client is
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
