import type { Application, Client, OAuth2ClientSecret, OpenIdConnectApplication } from '@okta/okta-sdk-nodejs';
import { notFound } from '../errors';
import {
  appIdFromClientName,
  CLIENT_NAME_PREFIX,
  isPublicClient,
  tokenEndpointAuthMethod,
  type AppType,
  type ClientSettings,
  type IdpClient,
} from '../types';
import { isOktaNotFound, toIdpError } from './errors';
import { collect } from './sdk-client';

// Lanyard's clients are Okta OIDC service apps labelled `lanyard-<appId>`.
// For an OIDC app Okta's client_id is the app id, so the SPI's clientId is
// also the path segment of /api/v1/apps/{id}.

export type OktaApp = OpenIdConnectApplication & { id: string; label: string };

/** The portal's application types as Okta OIDC app types (`browser` is Okta's SPA). */
const OKTA_TYPE = { service: 'service', web: 'web', spa: 'browser', native: 'native' } as const satisfies Record<AppType, string>;

type OauthSettings = NonNullable<NonNullable<OpenIdConnectApplication['settings']>['oauthClient']>;
type OauthCredentials = NonNullable<NonNullable<OpenIdConnectApplication['credentials']>['oauthClient']>;

/**
 * An Okta OIDC app for an application of any type:
 * - service: client_credentials only, `response_types: ['token']`, a secret
 *   (client_secret_basic) or private_key_jwt with the owner's JWKS or JWKS URI;
 * - web: authorization_code + refresh_token, a secret, PKCE required;
 * - spa (`browser`) and native: the same grants, `token_endpoint_auth_method:
 *   none` (public) with `pkce_required: true` (Okta requires it for `none`),
 *   and refresh tokens rotated on every use with no grace period.
 */
export function newApp(label: string, settings: ClientSettings): OpenIdConnectApplication {
  const method = tokenEndpointAuthMethod(settings);
  const credentials: OauthCredentials = { token_endpoint_auth_method: method, autoKeyRotation: true };
  if (settings.type !== 'service') credentials.pkce_required = true;
  return {
    name: 'oidc_client',
    label,
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: credentials },
    settings: { oauthClient: oauthSettings(settings) },
  };
}

/** `settings.oauthClient` for the type: what createApplication sends and replaceApplication re-sends. */
export function oauthSettings(settings: ClientSettings): OauthSettings {
  const keys = settings.signingKeys;
  const jwks = keys && 'jwks' in keys ? { jwks: keys.jwks as OauthSettings['jwks'] } : {};
  const jwksUri = keys && 'jwksUri' in keys ? { jwks_uri: keys.jwksUri } : {};
  if (settings.type === 'service') {
    return { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'], ...jwks, ...jwksUri };
  }
  return {
    application_type: OKTA_TYPE[settings.type],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...settings.redirectUris],
    post_logout_redirect_uris: [...settings.postLogoutRedirectUris],
    // Okta's defaults are ROTATE for browser apps and STATIC for the rest;
    // public clients rotate, with no leeway, as on the embedded IdP.
    refresh_token: isPublicClient(settings.type) ? { rotation_type: 'ROTATE', leeway: 0 } : { rotation_type: 'STATIC' },
  } as OauthSettings;
}

/** The portal's type of an Okta app, and what the app holds, as the SPI reports them. */
export function settingsOfApp(app: OktaApp): Pick<IdpClient, 'type' | 'redirectUris' | 'postLogoutRedirectUris' | 'authMethod'> {
  const oauth = app.settings?.oauthClient;
  const okta = String(oauth?.application_type ?? 'service');
  const type = (Object.keys(OKTA_TYPE) as AppType[]).find((t) => OKTA_TYPE[t] === okta) ?? 'service';
  const method = app.credentials?.oauthClient?.token_endpoint_auth_method;
  return {
    type,
    redirectUris: [...(oauth?.redirect_uris ?? [])],
    postLogoutRedirectUris: [...(oauth?.post_logout_redirect_uris ?? [])],
    authMethod: method === 'none' ? 'none' : method === 'private_key_jwt' ? 'private_key_jwt' : 'client_secret_basic',
  };
}

export const clientIdOf = (app: OktaApp) => app.credentials?.oauthClient?.client_id ?? app.id;

function isLanyardApp(app: Application | null | undefined): app is OktaApp {
  const a = app as Partial<OktaApp> | null | undefined;
  return !!a?.id && a.name === 'oidc_client' && typeof a.label === 'string' && appIdFromClientName(a.label) !== undefined;
}

/** Lanyard apps whose label starts with `labelPrefix` (Okta's `q` matches name or label by prefix). */
export async function findLanyardApps(okta: Client, labelPrefix = CLIENT_NAME_PREFIX): Promise<OktaApp[]> {
  const apps = await collect(await okta.applicationApi.listApplications({ q: labelPrefix, limit: 200 }));
  return apps.filter(isLanyardApp).filter((a) => a.label.startsWith(labelPrefix));
}

/** The Lanyard app behind `clientId`; not_found for unknown ids and for apps Lanyard did not create. */
export async function lanyardApp(okta: Client, clientId: string): Promise<OktaApp> {
  let app: Application;
  try {
    app = await okta.applicationApi.getApplication({ appId: clientId });
  } catch (err) {
    if (isOktaNotFound(err)) throw notFound(`Client ${clientId}`, { cause: err });
    throw toIdpError(err, `Client ${clientId}`);
  }
  if (!isLanyardApp(app) || clientIdOf(app) !== clientId) throw notFound(`Client ${clientId}`);
  return app;
}

export async function listSecrets(okta: Client, appId: string): Promise<(OAuth2ClientSecret & { id: string })[]> {
  const secrets = await collect(await okta.applicationSSOPublicKeysApi.listOAuth2ClientSecrets({ appId }));
  return secrets.filter((s): s is OAuth2ClientSecret & { id: string } => !!s.id);
}
