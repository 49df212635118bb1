import { errors, type Configuration } from 'oidc-provider';

// Lanyard's own client metadata (oidc-provider `extraClientMetadata`). A
// client's `scope` metadata may only name statically configured scopes, so the
// API scopes a client was granted live in `lanyard_api_scopes` instead, and its
// secrets live as hashes in `lanyard_secrets` (see client-secrets.ts).
// `lanyard_app_type` says which of the portal's application types the client
// is (oidc-provider's own `application_type` knows only web and native), and
// `lanyard_token_exchange` the relationships it may exchange tokens along
// (token-exchange.ts).

export interface StoredSecret {
  id: string;
  /** SHA-256 of the secret, base64url. Secrets are 256-bit random values. */
  sha256: string;
  created_at: number;
}

export type LanyardAppType = 'service' | 'web' | 'spa' | 'native';

export interface StoredExchangeRule {
  from: string;
  to: string[];
}

export interface LanyardClientFields {
  lanyard_api_scopes?: string[];
  lanyard_secrets?: StoredSecret[];
  lanyard_app_type?: LanyardAppType;
  lanyard_token_exchange?: StoredExchangeRule[];
  /** The application's name, for the consent page (client_name is `lanyard-<appId>`). */
  lanyard_display_name?: string;
}

const APP_TYPES = new Set<unknown>(['service', 'web', 'spa', 'native']);

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);

const isSecretList = (v: unknown): v is StoredSecret[] =>
  Array.isArray(v) && v.every((s) => s && typeof s.id === 'string' && typeof s.sha256 === 'string' && typeof s.created_at === 'number');

const isExchangeRules = (v: unknown): v is StoredExchangeRule[] =>
  Array.isArray(v) &&
  v.every((r) => r && typeof (r as StoredExchangeRule).from === 'string' && isStringArray((r as StoredExchangeRule).to));

export const extraClientMetadata: Configuration['extraClientMetadata'] = {
  properties: ['lanyard_api_scopes', 'lanyard_secrets', 'lanyard_app_type', 'lanyard_token_exchange', 'lanyard_display_name'],
  validator(_ctx, key, value) {
    if (value === undefined) return;
    if (key === 'lanyard_api_scopes' && !isStringArray(value)) {
      throw new errors.InvalidClientMetadata('lanyard_api_scopes must be an array of scope strings');
    }
    if (key === 'lanyard_secrets' && !isSecretList(value)) {
      throw new errors.InvalidClientMetadata('lanyard_secrets must be a list of {id, sha256, created_at}');
    }
    if (key === 'lanyard_app_type' && !APP_TYPES.has(value)) {
      throw new errors.InvalidClientMetadata('lanyard_app_type must be service, web, spa or native');
    }
    if (key === 'lanyard_display_name' && (typeof value !== 'string' || value.length > 200)) {
      throw new errors.InvalidClientMetadata('lanyard_display_name must be a string of at most 200 characters');
    }
    if (key === 'lanyard_token_exchange' && !isExchangeRules(value)) {
      throw new errors.InvalidClientMetadata('lanyard_token_exchange must be a list of {from, to[]}');
    }
  },
};

/** The portal's type of a client record (records written before types existed are service clients). */
export function appTypeOf(fields: LanyardClientFields): LanyardAppType {
  return fields.lanyard_app_type ?? 'service';
}
