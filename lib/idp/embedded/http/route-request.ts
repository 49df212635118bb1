import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Db } from '../../../db';
import { clientAddress } from '../../../http/client-address';
import { handleInteractionAction, matchInteractionAction } from './interaction-actions';
import { isInteractionPage, isProviderPath, serveProvider } from './mount';
import { isTokenRequest, limitTokenRequest, type TokenLimits } from './token-limits';

export interface IdpRouteOptions extends Partial<TokenLimits> {
  /** Read the client's address from X-Forwarded-For (LANYARD_TRUST_PROXY). */
  trustProxy?: boolean;
}

/**
 * Handles the request if it belongs to the embedded IdP and returns true;
 * returns false for everything the portal (Next) serves, which includes the
 * GET of the sign-in and consent pages.
 */
export function routeIdpRequest(
  provider: Provider,
  db: Db,
  req: IncomingMessage,
  res: ServerResponse,
  options: IdpRouteOptions = {},
): boolean {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!isProviderPath(pathname)) return false;
  const address = clientAddress(req, options.trustProxy ?? false);
  const action = matchInteractionAction(req);
  if (action) {
    void handleInteractionAction(provider, db, req, res, action, address);
    return true;
  }
  if (isInteractionPage(req, pathname)) return false;
  if (isTokenRequest(req, pathname)) {
    void limitTokenRequest(db, req, res, address, options).then((allowed) => allowed && serveProvider(provider, req, res));
    return true;
  }
  serveProvider(provider, req, res);
  return true;
}
