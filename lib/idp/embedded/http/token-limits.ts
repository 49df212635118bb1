import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../../db';
import { assertFailuresBelow, countFailure, spendBudget } from '../../../rate-limit/policies';
import { isRateLimited } from '../../../rate-limit/rate-limited';
import { EMBEDDED_MOUNT_PATH } from '../provider/create-provider';

// Rate limits at the embedded IdP's token endpoint (docs/architecture.md,
// "Rate limits"): each client has a request budget per minute, and an address
// that keeps failing client authentication is stopped for the rest of the
// minute, before its guesses reach the secret check. Over the limit: 429 with
// Retry-After, as an OAuth error body.

export interface TokenLimits {
  /** Token requests per client per minute. */
  tokenRequestsPerMinute: number;
  /** Failed client authentications per address per minute. */
  tokenFailuresPerMinute: number;
}

const DEFAULTS: TokenLimits = { tokenRequestsPerMinute: 600, tokenFailuresPerMinute: 30 };

export function isTokenRequest(req: IncomingMessage, pathname: string): boolean {
  return req.method === 'POST' && pathname === `${EMBEDDED_MOUNT_PATH}/token`;
}

/** The client id of HTTP Basic client authentication (RFC 6749 §2.3.1), if the request uses it. */
function basicClientId(req: IncomingMessage): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon));
  } catch {
    return undefined;
  }
}

/** Answers 429 itself and returns false when the request is over a limit; otherwise counts it and returns true. */
export async function limitTokenRequest(
  db: Db,
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
  options: Partial<TokenLimits>,
): Promise<boolean> {
  const limits = { ...DEFAULTS, ...options };
  try {
    await assertFailuresBelow(db, 'token-auth-failures', address, limits.tokenFailuresPerMinute);
    const clientId = basicClientId(req);
    // Public clients (and client assertions) name themselves in the body; they share their address's budget.
    await spendBudget(db, 'token-requests', clientId ? `client:${clientId}` : `address:${address}`, limits.tokenRequestsPerMinute);
  } catch (err) {
    if (!isRateLimited(err)) throw err;
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(err.retryAfterSeconds), 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: 'too_many_requests', error_description: err.message }));
    return false;
  }
  res.once('finish', () => {
    if (res.statusCode === 401) void countFailure(db, 'token-auth-failures', address).catch(() => undefined);
  });
  return true;
}
