import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Env } from '../env';
import { newNonce, securityHeaders, setResponseNonce } from '../http/security-headers';

// What happens to every request before any part of the portal sees it
// (server.ts): security headers with a fresh CSP nonce, and a URL that cannot
// be decoded answered with a clear 400 instead of failing deep inside.

export type RequestGuard = (req: IncomingMessage, res: ServerResponse) => boolean;

const EMBEDDED_IDP = /^\/oidc(\/|$)/;

/** The origins an external IdP's sign-in may involve (form-action must allow them). */
function externalIdpOrigins(config: Env): string[] {
  const urls = [config.LANYARD_OKTA_ISSUER, config.LANYARD_COGNITO_DOMAIN].filter((u): u is string => !!u);
  return urls.map((u) => new URL(u).origin);
}

export function requestGuard(config: Env, options: { dev: boolean }): RequestGuard {
  const https = config.LANYARD_URL.startsWith('https:');
  const formTargets = externalIdpOrigins(config);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const nonce = newNonce();
    setResponseNonce(res, nonce);
    const headers = securityHeaders({ nonce, https, dev: options.dev, formTargets, idp: EMBEDDED_IDP.test(path) });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Next reads the nonce from the request's policy and puts it on its own scripts.
    req.headers['content-security-policy'] = headers['content-security-policy'];
    try {
      decodeURIComponent(path);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: { code: 'invalid_input', message: 'The URL is not valid: it has a malformed percent-encoding' } }));
      return true;
    }
    return false;
  };
}
