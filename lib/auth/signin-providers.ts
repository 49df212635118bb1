import type { OAuthConfig } from 'next-auth/providers/oauth';
import { embeddedIssuer, type Env } from '../env';
import { PORTAL_CLIENT_ID, portalClientSecret } from '../idp/embedded';
import { groupsFromClaims } from './roles';

// The one sign-in provider the portal offers, picked by LANYARD_IDP. All three
// are plain OIDC: Authorization Code with PKCE (S256), `state` and `nonce`
// checked by next-auth, identity read from the verified ID token.

export interface IdTokenProfile extends Record<string, unknown> {
  sub: string;
  email?: string;
  name?: string;
}

export interface SignInProviderInfo {
  id: 'embedded' | 'okta' | 'cognito';
  name: string;
  issuer: string;
  /** Where the browser goes after the portal session ends, to end the IdP's too. */
  logoutUrl(portalUrl: string): string | undefined;
}

function oidc(info: SignInProviderInfo, client: { id: string; secret?: string }, scope: string): OAuthConfig<IdTokenProfile> {
  return {
    id: info.id,
    name: info.name,
    type: 'oauth',
    wellKnown: `${info.issuer}/.well-known/openid-configuration`,
    clientId: client.id,
    clientSecret: client.secret ?? '',
    client: client.secret ? { token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' },
    authorization: { params: { scope } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(claims) {
      return {
        id: claims.sub,
        email: claims.email ?? '',
        name: claims.name ?? claims.email ?? null,
        groups: groupsFromClaims(claims),
      };
    },
  };
}

export function signInProviderInfo(e: Env): SignInProviderInfo {
  const base = e.LANYARD_URL.replace(/\/$/, '');
  switch (e.LANYARD_IDP) {
    case 'okta': {
      const issuer = e.LANYARD_OKTA_ISSUER!.replace(/\/$/, '');
      return {
        id: 'okta',
        name: 'Okta',
        issuer,
        logoutUrl: () =>
          `${issuer}/v1/logout?client_id=${encodeURIComponent(e.LANYARD_OKTA_CLIENT_ID!)}&post_logout_redirect_uri=${encodeURIComponent(`${base}/`)}`,
      };
    }
    case 'cognito': {
      const issuer = (
        e.LANYARD_COGNITO_ISSUER ?? `https://cognito-idp.${e.LANYARD_COGNITO_REGION}.amazonaws.com/${e.LANYARD_COGNITO_USER_POOL_ID}`
      ).replace(/\/$/, '');
      const domain = e.LANYARD_COGNITO_DOMAIN!.replace(/\/$/, '');
      return {
        id: 'cognito',
        name: 'Amazon Cognito',
        issuer,
        logoutUrl: () =>
          `${domain}/logout?client_id=${encodeURIComponent(e.LANYARD_COGNITO_CLIENT_ID!)}&logout_uri=${encodeURIComponent(`${base}/`)}`,
      };
    }
    default: {
      // The embedded IdP runs on this origin under /oidc: its sign-in page is
      // app/oidc/interaction/[uid]/page.tsx, its form posts are served by
      // server.ts through lib/idp/embedded/http/ (docs/architecture.md).
      const issuer = embeddedIssuer(e);
      return {
        id: 'embedded',
        name: 'Lanyard ID',
        issuer,
        logoutUrl: () => `${issuer}/session/end?client_id=${PORTAL_CLIENT_ID}&post_logout_redirect_uri=${encodeURIComponent(`${base}/`)}`,
      };
    }
  }
}

export function signInProvider(e: Env): OAuthConfig<IdTokenProfile> {
  const info = signInProviderInfo(e);
  switch (info.id) {
    case 'okta':
      return oidc(info, { id: e.LANYARD_OKTA_CLIENT_ID!, secret: e.LANYARD_OKTA_CLIENT_SECRET }, 'openid email profile groups');
    case 'cognito':
      return oidc(info, { id: e.LANYARD_COGNITO_CLIENT_ID!, secret: e.LANYARD_COGNITO_CLIENT_SECRET }, 'openid email profile');
    default:
      return oidc(info, { id: PORTAL_CLIENT_ID, secret: portalClientSecret(e.NEXTAUTH_SECRET!) }, 'openid email profile groups');
  }
}
