import { z } from 'zod';

// An API product id is what the gateway's route table carries and what ends up
// in access-token scopes, so it must be a valid OAuth scope-token
// (RFC 6749 §3.3: %x21 / %x23-5B / %x5D-7E, no spaces, quotes or backslashes).
// Ids that are URIs (Cognito's resource-server scopes, e.g. `https://api.example.com/tracks`)
// are allowed when they parse as absolute http(s) URLs.

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const SIMPLE_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function isUriProductId(id: string): boolean {
  return /^https?:\/\//.test(id);
}

export const apiProductIdSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters')
  .refine((id) => SCOPE_TOKEN.test(id), 'may not contain spaces, quotes or backslashes (it becomes an OAuth scope)')
  .refine(
    (id) => (isUriProductId(id) ? URL.canParse(id) : SIMPLE_ID.test(id)),
    'must be lower-case letters, digits, ".", "_" or "-" (starting with a letter or digit), or an absolute http(s) URI',
  );
