import type { ClientMetadata } from 'oidc-provider';
import { invalidInput } from '../errors';
import { isPublicClient, tokenEndpointAuthMethod, type AppType, type ClientSettings, type IdpClient } from '../types';
import type { ClientRecord } from './client-records';
import { appTypeOf } from './provider/client-metadata';
import { TOKEN_EXCHANGE_GRANT } from './provider/token-exchange';

// How an application type becomes an oidc-provider client record, and back.
//
// | type    | application_type | grants                              | auth at the token endpoint |
// |---------|------------------|-------------------------------------|----------------------------|
// | service | web              | client_credentials (+ token exchange)| client_secret_basic or private_key_jwt |
// | web     | web              | authorization_code, refresh_token   | client_secret_basic        |
// | spa     | web              | authorization_code, refresh_token   | none (public)              |
// | native  | native           | authorization_code, refresh_token   | none (public)              |
//
// oidc-provider knows only `web` and `native` application types; the portal's
// type is kept in `lanyard_app_type`. Native clients get RFC 8252's loopback
// port flexibility from the library (only native ones do). PKCE is required
// for every code flow by the provider's configuration, refresh tokens of
// public clients rotate on every use (browser-clients.ts).

type SettingsFields = Pick<
  ClientMetadata,
  | 'application_type'
  | 'grant_types'
  | 'response_types'
  | 'redirect_uris'
  | 'post_logout_redirect_uris'
  | 'token_endpoint_auth_method'
  | 'jwks'
  | 'jwks_uri'
>;

export function settingsFields(settings: ClientSettings, exchanges = false): SettingsFields {
  const method = tokenEndpointAuthMethod(settings);
  const keys = settings.signingKeys;
  const base: SettingsFields = {
    application_type: settings.type === 'native' ? 'native' : 'web',
    token_endpoint_auth_method: method,
    redirect_uris: [...settings.redirectUris],
    post_logout_redirect_uris: [...settings.postLogoutRedirectUris],
    ...(keys && 'jwks' in keys ? { jwks: keys.jwks as ClientMetadata['jwks'] } : {}),
    ...(keys && 'jwksUri' in keys ? { jwks_uri: keys.jwksUri } : {}),
  };
  if (settings.type === 'service') {
    return { ...base, grant_types: ['client_credentials', ...(exchanges ? [TOKEN_EXCHANGE_GRANT] : [])], response_types: [] };
  }
  return { ...base, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
}

/** A record with its settings replaced (the type must stay the same). */
export function withSettings(record: ClientRecord, settings: ClientSettings): ClientRecord {
  const current = appTypeOf(record);
  if (current !== settings.type) throw invalidInput(`a ${current} client cannot become a ${settings.type} client`);
  const method = tokenEndpointAuthMethod(settings);
  if (settingsOf(record).authMethod !== method) throw invalidInput(`the client's authentication method cannot change to ${method}`);
  const { jwks: _jwks, jwks_uri: _jwksUri, ...rest } = record;
  const next: ClientRecord = {
    ...rest,
    ...settingsFields(settings, !!record.lanyard_token_exchange?.length),
    lanyard_app_type: settings.type,
    ...(settings.displayName ? { lanyard_display_name: settings.displayName } : {}),
  };
  return next;
}

export function settingsOf(record: ClientRecord): Pick<IdpClient, 'type' | 'redirectUris' | 'postLogoutRedirectUris' | 'authMethod'> {
  const type: AppType = appTypeOf(record);
  return {
    type,
    redirectUris: [...(record.redirect_uris ?? [])],
    postLogoutRedirectUris: [...(record.post_logout_redirect_uris ?? [])],
    authMethod: isPublicClient(type)
      ? 'none'
      : record.token_endpoint_auth_method === 'private_key_jwt'
        ? 'private_key_jwt'
        : 'client_secret_basic',
  };
}
