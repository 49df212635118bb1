import type { Application, Client, OAuth2ClientSecret, OpenIdConnectApplication } from '@okta/okta-sdk-nodejs';
import { notFound } from '../errors';
import { appIdFromClientName, CLIENT_NAME_PREFIX } from '../types';
import { isOktaNotFound, toIdpError } from './errors';
import { collect } from './sdk-client';

// Lanyard's clients are Okta OIDC service apps labelled `lanyard-<appId>`.
// For an OIDC app Okta's client_id is the app id, so the SPI's clientId is
// also the path segment of /api/v1/apps/{id}.

export type OktaApp = OpenIdConnectApplication & { id: string; label: string };

export function newServiceApp(label: string): OpenIdConnectApplication {
  return {
    name: 'oidc_client',
    label,
    signOnMode: 'OPENID_CONNECT',
    credentials: {
      oauthClient: { token_endpoint_auth_method: 'client_secret_basic', autoKeyRotation: true },
    },
    settings: {
      oauthClient: {
        application_type: 'service',
        grant_types: ['client_credentials'],
        response_types: ['token'],
      },
    },
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
