import 'server-only';
import { createHmac } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';

// The portal signs people in through the embedded IdP like any relying party:
// a confidential client using Authorization Code + PKCE. Its secret is derived
// from the portal's own NEXTAUTH_SECRET, so there is nothing extra to configure
// and nothing extra to store.

export const PORTAL_CLIENT_ID = 'lanyard-portal';

export function portalClientSecret(authSecret: string): string {
  return createHmac('sha256', authSecret).update('lanyard:embedded-idp:portal-client').digest('base64url');
}

export function portalClient(portalUrl: string, authSecret: string): ClientMetadata {
  const base = portalUrl.replace(/\/$/, '');
  return {
    client_id: PORTAL_CLIENT_ID,
    client_name: 'Lanyard portal',
    client_secret: portalClientSecret(authSecret),
    redirect_uris: [`${base}/api/auth/callback/embedded`],
    post_logout_redirect_uris: [`${base}/`, `${base}/signed-out`],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  };
}
