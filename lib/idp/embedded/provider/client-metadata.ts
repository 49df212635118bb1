import { errors, type Configuration } from 'oidc-provider';

// Lanyard's own client metadata (oidc-provider `extraClientMetadata`). A
// client's `scope` metadata may only name statically configured scopes, so the
// API scopes a client was granted live in `lanyard_api_scopes` instead, and its
// secrets live as hashes in `lanyard_secrets` (see client-secrets.ts).

export interface StoredSecret {
  id: string;
  /** SHA-256 of the secret, base64url. Secrets are 256-bit random values. */
  sha256: string;
  created_at: number;
}

export interface LanyardClientFields {
  lanyard_api_scopes?: string[];
  lanyard_secrets?: StoredSecret[];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);

const isSecretList = (v: unknown): v is StoredSecret[] =>
  Array.isArray(v) && v.every((s) => s && typeof s.id === 'string' && typeof s.sha256 === 'string' && typeof s.created_at === 'number');

export const extraClientMetadata: Configuration['extraClientMetadata'] = {
  properties: ['lanyard_api_scopes', 'lanyard_secrets'],
  validator(_ctx, key, value) {
    if (value === undefined) return;
    if (key === 'lanyard_api_scopes' && !isStringArray(value)) {
      throw new errors.InvalidClientMetadata('lanyard_api_scopes must be an array of scope strings');
    }
    if (key === 'lanyard_secrets' && !isSecretList(value)) {
      throw new errors.InvalidClientMetadata('lanyard_secrets must be a list of {id, sha256, created_at}');
    }
  },
};
