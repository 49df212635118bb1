import { APP_TYPES, isPublicClient, isUserFacing, type AppType } from '../idp/types';

// The four application types as people choose them (create dialog, badges,
// README). What each becomes in each IdP is the adapters' business
// (lib/idp/*/); this is what it means to the app's owner.

export { APP_TYPES, isPublicClient, isUserFacing, type AppType };

export interface AppTypeInfo {
  label: string;
  /** One line for the create dialog. */
  summary: string;
  grants: string;
}

export const APP_TYPE_INFO: Record<AppType, AppTypeInfo> = {
  service: {
    label: 'Service',
    summary: 'A backend calling APIs as itself: client credentials with a secret or a signed JWT (private_key_jwt).',
    grants: 'client_credentials',
  },
  web: {
    label: 'Web app',
    summary: 'A server-side web app signing people in: Authorization Code + PKCE, refresh tokens; it keeps a secret.',
    grants: 'authorization_code + PKCE, refresh_token',
  },
  spa: {
    label: 'Single-page app',
    summary: 'Browser code signing people in: Authorization Code + PKCE, no secret, refresh tokens rotated on every use.',
    grants: 'authorization_code + PKCE, refresh_token (rotated)',
  },
  native: {
    label: 'Native app',
    summary: 'A desktop or mobile app: Authorization Code + PKCE, no secret, loopback (any port) or claimed https redirects.',
    grants: 'authorization_code + PKCE, refresh_token (rotated)',
  },
};

/**
 * Flows OAuth 2.1 removes, refused by name with the reason and what to use
 * instead (RFC 9700 §2.1.2 and §2.4).
 */
export const REMOVED_FLOWS: Record<string, string> = {
  implicit:
    'The implicit grant is not offered: OAuth 2.1 removes it, because it puts access tokens in the browser’s address bar and history. Create a spa app instead: Authorization Code + PKCE gives a browser the same tokens safely.',
  token:
    'The implicit grant (response_type=token) is not offered: OAuth 2.1 removes it. Create a spa app instead: Authorization Code + PKCE.',
  password:
    'The resource-owner password grant is not offered: OAuth 2.1 removes it, because the app would see the person’s password. Sign people in with Authorization Code + PKCE (a web, spa or native app).',
  'saml2-bearer':
    'The SAML 2.0 bearer grant is not offered: Lanyard has no SAML identity provider to trust assertions from (see the README).',
};
