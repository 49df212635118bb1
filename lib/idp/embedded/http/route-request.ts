import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Db } from '../../../db';
import { handleInteractionAction, matchInteractionAction } from './interaction-actions';
import { isInteractionPage, isProviderPath, serveProvider } from './mount';

/**
 * Handles the request if it belongs to the embedded IdP and returns true;
 * returns false for everything the portal (Next) serves, which includes the
 * GET of the sign-in and consent pages.
 */
export function routeIdpRequest(provider: Provider, db: Db, req: IncomingMessage, res: ServerResponse): boolean {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!isProviderPath(pathname)) return false;
  const action = matchInteractionAction(req);
  if (action) {
    void handleInteractionAction(provider, db, req, res, action);
    return true;
  }
  if (isInteractionPage(req, pathname)) return false;
  serveProvider(provider, req, res);
  return true;
}
