import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { findAccessibleApp, type Viewer } from '../apps/access';
import type { Db } from '../db';
import { ApiError, badRequest } from '../http/api-error';
import type { IdpAdapter } from '../idp/types';
import { clientSecretFor, postAsClient } from './client-auth';

// Verify, introspect and revoke, for the token tool. Introspection and
// revocation run only where the IdP offers the endpoint; elsewhere the tool
// says so instead of pretending.

const jwksByUri = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export async function verifyToken(idp: IdpAdapter, token: string) {
  const discovery = await idp.discovery();
  let jwks = jwksByUri.get(discovery.jwksUri);
  if (!jwks) jwksByUri.set(discovery.jwksUri, (jwks = createRemoteJWKSet(new URL(discovery.jwksUri))));
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: discovery.issuer, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'], clockTolerance: 30 });
    return { valid: true as const, header: protectedHeader, claims: payload, jwksUri: discovery.jwksUri };
  } catch (err) {
    const reason = err instanceof joseErrors.JOSEError ? `${err.code}: ${err.message}` : 'The token is not a JWT';
    return { valid: false as const, reason, jwksUri: discovery.jwksUri };
  }
}

async function asClient(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, pasted?: string) {
  const app = await findAccessibleApp(db, viewer, appId);
  if (!app.clientId) throw badRequest('This application has no client in the identity provider');
  return { clientId: app.clientId, secret: await clientSecretFor(idp, app.clientId, pasted) };
}

export async function introspectToken(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, input: { token: string; clientSecret?: string }) {
  // Ownership first: someone else's app id answers 404 whatever the IdP supports.
  await findAccessibleApp(db, viewer, appId);
  const discovery = await idp.discovery();
  if (!discovery.introspectionEndpoint) throw badRequest(`${discovery.kind} does not offer token introspection; verify the token’s signature instead`);
  const client = await asClient(db, idp, viewer, appId, input.clientSecret);
  const res = await postAsClient(discovery.introspectionEndpoint, client.clientId, client.secret, { token: input.token }).catch((err: Error) => {
    throw new ApiError(503, 'idp_unavailable', err.message);
  });
  if (res.status !== 200) throw badRequest(`The identity provider refused the introspection (${String(res.body.error ?? res.status)})`);
  return res.body;
}

export async function revokeToken(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, input: { token: string; clientSecret?: string }) {
  await findAccessibleApp(db, viewer, appId);
  const discovery = await idp.discovery();
  if (!discovery.revocationEndpoint) throw badRequest(`${discovery.kind} does not offer token revocation; tokens expire on their own`);
  const client = await asClient(db, idp, viewer, appId, input.clientSecret);
  const res = await postAsClient(discovery.revocationEndpoint, client.clientId, client.secret, { token: input.token, token_type_hint: 'access_token' }).catch(
    (err: Error) => {
      throw new ApiError(503, 'idp_unavailable', err.message);
    },
  );
  if (res.status !== 200) throw badRequest(`The identity provider refused the revocation (${String(res.body.error ?? res.status)})`);
  return { revoked: true };
}
