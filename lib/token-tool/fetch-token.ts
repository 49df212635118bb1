import 'server-only';
import { findAccessibleApp, type Viewer } from '../apps/access';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { approvedProductIds } from '../subscriptions/client-scopes';
import { clientAuthFor, postAsClient, refusal } from './client-auth';
import { issuedToken, type FetchedToken } from './issued-token';

export type { FetchedToken } from './issued-token';

/**
 * The token tool for service apps: runs the client-credentials grant as the
 * application, for its approved products (or one of them), and returns the
 * token decoded. The token is not stored; it goes to its owner's browser only.
 * Apps that sign people in get their tokens through a sign-in (user-tokens.ts).
 */
export async function fetchTokenForApp(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  input: { apiProductId?: string; clientSecret?: string; clientAssertion?: string },
): Promise<FetchedToken> {
  const app = await findAccessibleApp(db, viewer, appId);
  if (!app.clientId) throw invalid('This application has no client in the identity provider');
  if (app.type !== 'service') {
    throw invalid('This application signs people in: its tokens come from a sign-in (Authorization Code + PKCE), not client credentials');
  }
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
  const auth = await clientAuthFor(idp, app, input);
  const request: FetchedToken['request'] = { scope: products.map((id) => idp.scopeFor(id)).join(' ') };
  if (input.apiProductId && idp.resourceFor) request.resource = idp.resourceFor(input.apiProductId);

  const res = await postAsClient(discovery.tokenEndpoint, auth, { grant_type: 'client_credentials', ...request });
  await recordAuditEvent(db, {
    actor: viewer,
    action: 'token.fetch',
    target: { type: 'application', id: app.id },
    outcome: res.status === 200 ? 'success' : 'failure',
    detail: { scope: request.scope, ...(res.status !== 200 && { error: res.body.error }) },
  });
  if (res.status !== 200 || typeof res.body.access_token !== 'string') throw invalid(refusal('token request', res));
  return issuedToken(res.body, request);
}
