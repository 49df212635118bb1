import 'server-only';
import Provider from 'oidc-provider';
import type { Db } from '../../../db';
import { findAccountIn } from './accounts';
import { OIDC_SCOPES, resourceIndicators } from './api-resources';
import { clientBasedCORS, issueRefreshToken, rotateRefreshToken } from './browser-clients';
import { extraClientMetadata } from './client-metadata';
import { installHashedSecretCheck } from './client-secrets';
import { loadCookieKeys, loadSigningKeys } from './keys';
import { portalClient } from './portal-client';
import { logoutSource, postLogoutSuccessSource, renderError } from './rendered-pages';
import { storageAdapterFor } from './storage-adapter';
import {
  actClaimFor,
  TOKEN_EXCHANGE_DUPLICATES,
  TOKEN_EXCHANGE_GRANT,
  TOKEN_EXCHANGE_PARAMETERS,
  tokenExchangeHandler,
} from './token-exchange';

export const EMBEDDED_MOUNT_PATH = '/oidc';

export interface EmbeddedIdpOptions {
  /** Public origin of the portal, e.g. http://localhost:3000. */
  portalUrl: string;
  /** The portal's NEXTAUTH_SECRET, from which its client secret is derived. */
  authSecret: string;
  db: () => Db;
  /** LANYARD_KEY_ENCRYPTION_KEY, decoded: the signing and cookie keys are encrypted at rest with it. */
  keyEncryptionKey?: Buffer;
}

export function embeddedIssuerFor(portalUrl: string): string {
  return `${portalUrl.replace(/\/$/, '')}${EMBEDDED_MOUNT_PATH}`;
}

const DAY = 24 * 3600;

/** Over https the IdP's cookies carry the __Secure- prefix, so a browser never accepts them without TLS. */
export function cookieNames(portalUrl: string) {
  return portalUrl.startsWith('https:')
    ? { session: '__Secure-lanyard_session', interaction: '__Secure-lanyard_interaction', resume: '__Secure-lanyard_resume' }
    : { session: '_session', interaction: '_interaction', resume: '_interaction_resume' };
}

const ownTokensOnly = async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) =>
  token.clientId === client.clientId;

/**
 * The embedded OpenID Provider (oidc-provider): Authorization Code + PKCE
 * (S256 only, required for every client), client_credentials with per-client
 * API scopes, JWT access tokens for APIs (RFC 9068), refresh tokens (rotated
 * for public clients), private_key_jwt client authentication (RFC 7523),
 * token exchange (RFC 8693, token-exchange.ts), introspection (RFC 7662) and
 * revocation (RFC 7009) for opaque and refresh tokens. The implicit and
 * password grants are not offered (OAuth 2.1 removes both).
 */
export async function createEmbeddedProvider(options: EmbeddedIdpOptions): Promise<Provider> {
  const { portalUrl, authSecret, db } = options;
  const keyOptions = { kek: options.keyEncryptionKey };
  const [signingKeys, cookieKeys] = await Promise.all([loadSigningKeys(db(), keyOptions), loadCookieKeys(db(), keyOptions)]);
  // Over https, the IdP's cookies are Secure (and prefixed, see cookieNames).
  const secure = portalUrl.startsWith('https:');

  const issuer = embeddedIssuerFor(portalUrl);
  const provider = new Provider(issuer, {
    adapter: storageAdapterFor(db),
    clients: [portalClient(portalUrl, authSecret)],
    jwks: { keys: signingKeys },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', signed: true, secure },
      short: { httpOnly: true, sameSite: 'lax', signed: true, secure },
      names: cookieNames(portalUrl),
    },
    findAccount: findAccountIn(db),
    scopes: [...OIDC_SCOPES],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // The portal reads identity from the ID token alone; put the claims there.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    extraClientMetadata,
    // Only the code flow reaches the authorization endpoint: no implicit
    // (`token`, `id_token`) response types, and no password grant anywhere.
    responseTypes: ['code', 'none'],
    issueRefreshToken,
    rotateRefreshToken,
    // The act claim of exchanged tokens (token-exchange.ts).
    extraTokenClaims: (_ctx, token) => actClaimFor(token),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may introspect or revoke only tokens issued to itself.
      introspection: { enabled: true, allowedPolicy: ownTokensOnly },
      revocation: { enabled: true, allowedPolicy: ownTokensOnly },
      userinfo: { enabled: true },
      resourceIndicators: resourceIndicators(portalUrl, db),
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    interactions: {
      url: (_ctx, interaction) => `${EMBEDDED_MOUNT_PATH}/interaction/${interaction.uid}`,
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      IdToken: 3600,
      Interaction: 600,
      Grant: 14 * DAY,
      // The IdP session lasts as long as the portal's own (8 hours): signing out of
      // neither should leave the other open for days.
      Session: 8 * 3600,
      RefreshToken: 14 * DAY,
    },
    clientBasedCORS,
    renderError,
  });

  installHashedSecretCheck(provider);
  // Registered before any client is read: client metadata naming this grant
  // is checked against the provider's grant types when first loaded.
  provider.registerGrantType(
    TOKEN_EXCHANGE_GRANT,
    tokenExchangeHandler({ portalUrl, issuer, signingKeys, db }),
    TOKEN_EXCHANGE_PARAMETERS,
    TOKEN_EXCHANGE_DUPLICATES,
  );
  return provider;
}
