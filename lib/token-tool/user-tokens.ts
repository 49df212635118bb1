import 'server-only';
import { findAccessibleApp, type Viewer } from '../apps/access';
import { clientSettingsOf } from '../apps/client-settings';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { IdpAdapter } from '../idp/types';
import { clientAuthFor, postAsClient, refusal } from './client-auth';
import { issuedToken, type FetchedToken } from './issued-token';

// Tokens for apps that sign people in (web, spa, native), for the token tool
// and the catalog's try-it console. The browser runs Authorization Code +
// PKCE itself (it makes the verifier, opens the IdP, receives the code at the
// console's redirect URI); the portal's server then redeems the code and
// refreshes tokens as the application: with its secret for a web app, with
// nothing but its client id for a public one. Redeeming here rather than in
// the browser works on every IdP (Okta and Cognito answer a browser's
// cross-origin token request only when configured to), and the verifier
// only ever travels between the person's browser and their own session.

async function userApp(db: Db, viewer: Viewer, appId: string) {
  const app = await findAccessibleApp(db, viewer, appId);
  if (app.type === 'service') throw invalid('A service application signs no one in: use client credentials');
  return app;
}

export async function redeemCode(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  input: { code: string; codeVerifier: string; redirectUri: string; clientSecret?: string },
): Promise<FetchedToken> {
  const app = await userApp(db, viewer, appId);
  if (!clientSettingsOf(app).redirectUris.includes(input.redirectUri)) {
    throw invalid('That redirect URI is not registered on this application', { redirectUri: 'Not one of the app’s redirect URIs' });
  }
  const auth = await clientAuthFor(idp, app, input);
  const res = await postAsClient((await idp.discovery()).tokenEndpoint, auth, {
    grant_type: 'authorization_code',
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: input.redirectUri,
  });
  await recordAuditEvent(db, {
    actor: viewer,
    action: 'token.sign_in',
    target: { type: 'application', id: app.id },
    outcome: res.status === 200 ? 'success' : 'failure',
    detail: res.status === 200 ? { scope: res.body.scope ?? null } : { error: res.body.error },
  });
  if (res.status !== 200 || typeof res.body.access_token !== 'string') throw invalid(refusal('code', res));
  return issuedToken(res.body, { scope: String(res.body.scope ?? '') });
}

export async function refreshUserToken(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  input: { refreshToken: string; clientSecret?: string },
): Promise<FetchedToken> {
  const app = await userApp(db, viewer, appId);
  const auth = await clientAuthFor(idp, app, input);
  const res = await postAsClient((await idp.discovery()).tokenEndpoint, auth, {
    grant_type: 'refresh_token',
    refresh_token: input.refreshToken,
  });
  if (res.status !== 200 || typeof res.body.access_token !== 'string') {
    const reused =
      res.body.error === 'invalid_grant' && app.clientAuth === 'none'
        ? ' A refresh token of this app works once: if it was used already, the identity provider ended the whole sign-in.'
        : '';
    throw invalid(`${refusal('refresh', res)}${reused}`);
  }
  return issuedToken(res.body, { scope: String(res.body.scope ?? '') });
}
