import type { ClientSettings, ClientSigningKeys, PublicJwks } from '../idp/types';
import type { AppType } from './app-types';

// An application row's OAuth settings, as the IdP is asked to hold them. The
// JSON columns are written only by this module's counterpart in
// create-app.ts and manage-app.ts, from validated input.

export interface AppSettingsRow {
  name: string;
  type: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  clientAuth: string;
  jwks: string | null;
  jwksUri: string | null;
}

const list = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

export function appTypeOf(row: Pick<AppSettingsRow, 'type'>): AppType {
  return (['service', 'web', 'spa', 'native'] as const).find((t) => t === row.type) ?? 'service';
}

export function signingKeysOf(row: Pick<AppSettingsRow, 'clientAuth' | 'jwks' | 'jwksUri'>): ClientSigningKeys | undefined {
  if (row.clientAuth !== 'private_key_jwt') return undefined;
  if (row.jwksUri) return { jwksUri: row.jwksUri };
  return row.jwks ? { jwks: JSON.parse(row.jwks) as PublicJwks } : undefined;
}

export function clientSettingsOf(row: AppSettingsRow): ClientSettings {
  return {
    type: appTypeOf(row),
    redirectUris: list(row.redirectUris),
    postLogoutRedirectUris: list(row.postLogoutRedirectUris),
    signingKeys: signingKeysOf(row),
    displayName: row.name,
  };
}

/** The columns for settings (the inverse of clientSettingsOf). */
export function settingsColumns(settings: ClientSettings) {
  const keys = settings.signingKeys;
  return {
    type: settings.type,
    redirectUris: JSON.stringify(settings.redirectUris),
    postLogoutRedirectUris: JSON.stringify(settings.postLogoutRedirectUris),
    clientAuth: settings.type === 'spa' || settings.type === 'native' ? 'none' : keys ? 'private_key_jwt' : 'client_secret',
    jwks: keys && 'jwks' in keys ? JSON.stringify(keys.jwks) : null,
    jwksUri: keys && 'jwksUri' in keys ? keys.jwksUri : null,
  };
}
