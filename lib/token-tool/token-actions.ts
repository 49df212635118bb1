import 'server-only';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { findAccessibleApp, type Viewer } from '../apps/access';
import { ASYMMETRIC_ALGORITHMS } from '../data-path';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { IdpAdapter, IdpDiscovery } from '../idp/types';
import { clientSecretFor, postAsClient } from './client-auth';

// Verify, introspect and revoke, for the token tool. Introspection and
// revocation run only where the IdP offers the endpoint; elsewhere the tool
// says so instead of pretending.

const jwksByUri = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export type TokenVerification =
  | { valid: true; header: Record<string, unknown>; claims: Record<string, unknown>; jwksUri: string }
  | { valid: false; reason: string; jwksUri: string };

export async function verifyToken(idp: IdpAdapter, token: string): Promise<TokenVerification> {
  const discovery = await idp.discovery();
  let jwks = jwksByUri.get(discovery.jwksUri);
  if (!jwks) jwksByUri.set(discovery.jwksUri, (jwks = createRemoteJWKSet(new URL(discovery.jwksUri))));
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: discovery.issuer,
      // The data path's allow-list: the tool accepts exactly what the gateway would.
      algorithms: [...ASYMMETRIC_ALGORITHMS],
      clockTolerance: 30,
    });
    return { valid: true, header: { ...protectedHeader }, claims: { ...payload }, jwksUri: discovery.jwksUri };
  } catch (err) {
    const reason = err instanceof joseErrors.JOSEError ? `${err.code}: ${err.message}` : 'The token is not a JWT';
    return { valid: false, reason, jwksUri: discovery.jwksUri };
  }
}

type TokenInput = { token: string; clientSecret?: string };

const SERVICES = {
  introspection: {
    endpoint: (d: IdpDiscovery) => d.introspectionEndpoint,
    unsupported: 'does not offer token introspection; verify the token’s signature instead',
    form: (token: string): Record<string, string> => ({ token }),
  },
  revocation: {
    endpoint: (d: IdpDiscovery) => d.revocationEndpoint,
    unsupported: 'does not offer token revocation; tokens expire on their own',
    form: (token: string): Record<string, string> => ({ token, token_type_hint: 'access_token' }),
  },
} as const;

/** Calls the IdP's introspection or revocation endpoint as the app's client. */
async function asClient(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, input: TokenInput, service: keyof typeof SERVICES) {
  // Ownership first: someone else's app id answers 404 whatever the IdP supports.
  const app = await findAccessibleApp(db, viewer, appId);
  const discovery = await idp.discovery();
  const { endpoint, unsupported, form } = SERVICES[service];
  const url = endpoint(discovery);
  if (!url) throw invalid(`${discovery.kind} ${unsupported}`);
  if (!app.clientId) throw invalid('This application has no client in the identity provider');
  const secret = await clientSecretFor(idp, app.clientId, input.clientSecret);
  const res = await postAsClient(url, app.clientId, secret, form(input.token));
  if (res.status !== 200) throw invalid(`The identity provider refused the ${service} (${String(res.body.error ?? res.status)})`);
  return res.body;
}

/** The IdP's RFC 7662 answer, as it gave it. */
export function introspectToken(
  db: Db,
  idp: IdpAdapter,
  viewer: Viewer,
  appId: string,
  input: TokenInput,
): Promise<Record<string, unknown>> {
  return asClient(db, idp, viewer, appId, input, 'introspection');
}

export async function revokeToken(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, input: TokenInput): Promise<{ revoked: true }> {
  await asClient(db, idp, viewer, appId, input, 'revocation');
  return { revoked: true };
}
