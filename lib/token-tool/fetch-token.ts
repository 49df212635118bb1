import 'server-only';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { findAccessibleApp, type Viewer } from '../apps/access';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { approvedProductIds } from '../subscriptions/client-scopes';
import { clientSecretFor, postAsClient } from './client-auth';

export interface FetchedToken {
  accessToken: string;
  tokenType: string;
  scope: string;
  expiresAt: string | null;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  request: { scope: string; resource?: string };
}

/**
 * The token tool: runs the client-credentials grant as the application, for
 * its approved products (or one of them), and returns the token decoded. The
 * token is not stored; it goes to its owner's browser only.
 */
export async function fetchTokenForApp(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  input: { apiProductId?: string; clientSecret?: string },
): Promise<FetchedToken> {
  const app = await findAccessibleApp(db, viewer, appId);
  if (!app.clientId) throw invalid('This application has no client in the identity provider');
  const approved = await approvedProductIds(db, app.id);
  if (input.apiProductId && !approved.includes(input.apiProductId)) {
    throw invalid(`This application is not subscribed to ${input.apiProductId}, or the subscription is not approved yet`, {
      apiProductId: 'Not an approved subscription of this app',
    });
  }
  const products = input.apiProductId ? [input.apiProductId] : approved;
  if (!products.length)
    throw invalid('Subscribe the application to an API product first: a token carries the scopes of approved subscriptions');

  const discovery = await idp.discovery();
  const secret = await clientSecretFor(idp, app.clientId, input.clientSecret);
  const request: FetchedToken['request'] = { scope: products.map((id) => idp.scopeFor(id)).join(' ') };
  if (input.apiProductId && idp.resourceFor) request.resource = idp.resourceFor(input.apiProductId);

  const res = await postAsClient(discovery.tokenEndpoint, app.clientId, secret, { grant_type: 'client_credentials', ...request });
  await recordAuditEvent(db, {
    actor: viewer,
    action: 'token.fetch',
    target: { type: 'application', id: app.id },
    outcome: res.status === 200 ? 'success' : 'failure',
    detail: { scope: request.scope, ...(res.status !== 200 && { error: res.body.error }) },
  });
  if (res.status !== 200 || typeof res.body.access_token !== 'string') {
    const reason = [res.body.error, res.body.error_description].filter(Boolean).join(': ');
    const hint = res.body.error === 'invalid_client' ? ' Check the client secret.' : '';
    throw invalid(`The identity provider refused the token request (${reason || `HTTP ${res.status}`}).${hint}`);
  }
  const accessToken = res.body.access_token;
  let header: Record<string, unknown> = {};
  let claims: Record<string, unknown> = {};
  try {
    header = decodeProtectedHeader(accessToken) as Record<string, unknown>;
    claims = decodeJwt(accessToken) as Record<string, unknown>;
  } catch {
    // An opaque token: nothing to decode, introspection tells its contents.
  }
  const expiresIn = Number(res.body.expires_in);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Number.isFinite(expiresIn) ? Date.now() + expiresIn * 1000 : null;
  return {
    accessToken,
    tokenType: String(res.body.token_type ?? 'Bearer'),
    scope: String(res.body.scope ?? (Array.isArray(claims.scp) ? claims.scp.join(' ') : (claims.scope ?? ''))),
    expiresAt: exp ? new Date(exp).toISOString() : null,
    header,
    claims,
    request,
  };
}
