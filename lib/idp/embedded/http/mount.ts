import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { EMBEDDED_MOUNT_PATH } from '../provider/create-provider';

// Serves oidc-provider under /oidc on the portal's own HTTP server. Like
// Express's mounting, the prefix is moved from `url` to `originalUrl`, which is
// how oidc-provider learns its mount path when building URLs.

export function isProviderPath(pathname: string): boolean {
  return pathname === EMBEDDED_MOUNT_PATH || pathname.startsWith(`${EMBEDDED_MOUNT_PATH}/`);
}

/** GET /oidc/interaction/:uid is a portal page, rendered by Next. */
export function isInteractionPage(req: IncomingMessage, pathname: string): boolean {
  return req.method === 'GET' && pathname.startsWith(`${EMBEDDED_MOUNT_PATH}/interaction/`);
}

const handlers = new WeakMap<Provider, ReturnType<Provider['callback']>>();

/**
 * The provider builds every URL it publishes (discovery, redirects) from the
 * request's host and protocol. They are set from its issuer (LANYARD_URL)
 * before it sees the request, so a forged Host or X-Forwarded-Host cannot
 * move the token endpoint elsewhere (and `proxy` only makes it read them).
 */
function pinOrigin(provider: Provider, req: IncomingMessage): void {
  const issuer = new URL(provider.issuer);
  req.headers.host = issuer.host;
  req.headers['x-forwarded-host'] = issuer.host;
  req.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
  provider.proxy = true;
}

export function serveProvider(provider: Provider, req: IncomingMessage, res: ServerResponse): void {
  let handler = handlers.get(provider);
  if (!handler) handlers.set(provider, (handler = provider.callback()));
  pinOrigin(provider, req);
  const request = req as IncomingMessage & { originalUrl?: string };
  request.originalUrl = req.url;
  req.url = (req.url ?? '/').slice(EMBEDDED_MOUNT_PATH.length) || '/';
  void handler(req, res);
}
