import { decodeJwt, decodeProtectedHeader } from 'jose';

// A token endpoint's answer as the token tool shows it: the access token
// decoded where it is a JWT, its expiry, and the refresh and ID tokens that
// came with it (to their owner's browser only; nothing is stored).

export interface FetchedToken {
  accessToken: string;
  tokenType: string;
  scope: string;
  expiresAt: string | null;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** What was asked for (client credentials: the scope and resource sent). */
  request: { scope: string; resource?: string };
  refreshToken?: string;
  idTokenClaims?: Record<string, unknown>;
}

function decoded(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, claims: decodeJwt(token) as Record<string, unknown> };
  } catch {
    // An opaque token: nothing to decode, introspection tells its contents.
    return { header: {}, claims: {} };
  }
}

export function issuedToken(body: Record<string, unknown>, request: FetchedToken['request']): FetchedToken {
  const accessToken = String(body.access_token);
  const { header, claims } = decoded(accessToken);
  const expiresIn = Number(body.expires_in);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Number.isFinite(expiresIn) ? Date.now() + expiresIn * 1000 : null;
  return {
    accessToken,
    tokenType: String(body.token_type ?? 'Bearer'),
    scope: String(body.scope ?? (Array.isArray(claims.scp) ? claims.scp.join(' ') : (claims.scope ?? ''))),
    expiresAt: exp ? new Date(exp).toISOString() : null,
    header,
    claims,
    request,
    ...(typeof body.refresh_token === 'string' && { refreshToken: body.refresh_token }),
    ...(typeof body.id_token === 'string' && { idTokenClaims: decoded(body.id_token).claims }),
  };
}
