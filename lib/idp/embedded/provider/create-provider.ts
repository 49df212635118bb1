import 'server-only';
import Provider from 'oidc-provider';
import type { Db } from '../../../db';
import { findAccountIn } from './accounts';
import { resourceIndicators } from './api-resources';
import { extraClientMetadata } from './client-metadata';
import { installHashedSecretCheck } from './client-secrets';
import { loadCookieKeys, loadSigningKeys } from './keys';
import { portalClient } from './portal-client';
import { logoutSource, postLogoutSuccessSource, renderError } from './rendered-pages';
import { storageAdapterFor } from './storage-adapter';

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
 * API scopes, JWT access tokens for APIs (RFC 9068), refresh tokens,
 * introspection (RFC 7662) and revocation (RFC 7009) for opaque tokens.
 */
export async function createEmbeddedProvider(options: EmbeddedIdpOptions): Promise<Provider> {
  const { portalUrl, authSecret, db } = options;
  const keyOptions = { kek: options.keyEncryptionKey };
  const [signingKeys, cookieKeys] = await Promise.all([loadSigningKeys(db(), keyOptions), loadCookieKeys(db(), keyOptions)]);
  // Over https, the IdP's cookies are Secure (and prefixed, see cookieNames).
  const secure = portalUrl.startsWith('https:');

  const provider = new Provider(embeddedIssuerFor(portalUrl), {
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
    scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
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
    clientBasedCORS: () => false,
    renderError,
  });

  installHashedSecretCheck(provider);
  return provider;
}
