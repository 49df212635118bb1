import 'server-only';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { findAccessibleApp, type Viewer } from '../apps/access';
import { ASYMMETRIC_ALGORITHMS } from '../data-path';
import type { Db } from '../db';
import { invalid } from '../errors';
import type { IdpAdapter, IdpDiscovery, IdpFeature, IdpFeatures } from '../idp/types';
import { clientAuthFor, postAsClient, refusal } from './client-auth';
import type { TokenTypeHint } from './schemas';

// Verify, introspect and revoke, for the token tool. Introspection and
// revocation run only where the IdP offers them for that token type (an
// access token or a refresh token); elsewhere the tool says why instead of
// pretending, in the adapter's own words (IdpFeatures.limits).

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

type TokenInput = { token: string; tokenTypeHint?: TokenTypeHint; clientSecret?: string; clientAssertion?: string };
type Service = 'introspection' | 'revocation';

interface Support {
  endpoint?: string;
  /** Why not, when there is no endpoint for this token type. */
  reason: string;
}

/** Where the IdP introspects or revokes this type of token, or why it does not. */
export function supportFor(discovery: IdpDiscovery, features: IdpFeatures, service: Service, type: TokenTypeHint): Support {
  const access = type === 'access_token';
  const endpoint =
    service === 'introspection'
      ? access
        ? discovery.introspectionEndpoint
        : features.refreshTokenIntrospectionEndpoint
      : access
        ? discovery.revocationEndpoint
        : features.refreshTokenRevocationEndpoint;
  const feature: IdpFeature =
    service === 'introspection'
      ? access
        ? 'accessTokenIntrospection'
        : 'refreshTokenIntrospection'
      : access
        ? 'accessTokenRevocation'
        : 'refreshTokenRevocation';
  const fallback = `${discovery.kind} does not offer ${service} of ${access ? 'access' : 'refresh'} tokens`;
  return { endpoint, reason: features.limits[feature] ?? fallback };
}

/** Calls the IdP's introspection or revocation endpoint as the app's client. */
async function asClient(db: Db, idp: IdpAdapter, viewer: Viewer, appId: string, input: TokenInput, service: Service) {
  // Ownership first: someone else's app id answers 404 whatever the IdP supports.
  const app = await findAccessibleApp(db, viewer, appId);
  const type = input.tokenTypeHint ?? 'access_token';
  const { endpoint, reason } = supportFor(await idp.discovery(), idp.features(), service, type);
  if (!endpoint) throw invalid(reason);
  const auth = await clientAuthFor(idp, app, input);
  const res = await postAsClient(endpoint, auth, { token: input.token, token_type_hint: type });
  if (res.status !== 200) throw invalid(refusal(service, res));
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
