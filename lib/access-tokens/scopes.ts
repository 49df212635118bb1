// What an access token may be allowed to do (docs/adr/0011-automation-tokens-api-cli-versions.md).
// A token's power is always its scopes ∩ its owner's rights at the time of the
// call: a consumer's token can read the catalog and manage the consumer's own
// apps; the admin-only scopes work only while the owner is an admin.

export const TOKEN_SCOPES = ['products:read', 'products:write', 'apps:read', 'apps:write', 'subscriptions:approve', 'audit:read'] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_LABELS: Record<TokenScope, string> = {
  'products:read': 'Read the catalog (and, for admins, the drift report)',
  'products:write': 'Publish, update and deprecate products; reconcile',
  'apps:read': 'Read your applications',
  'apps:write': 'Create applications',
  'subscriptions:approve': 'List subscriptions and approve or reject them',
  'audit:read': 'Read the audit log',
};

/** Scopes only a portal admin's token can use. */
export const ADMIN_SCOPES: readonly TokenScope[] = ['products:write', 'subscriptions:approve', 'audit:read'];

export type TokenKind = 'personal' | 'service';

/** The longest a token may live: a year. */
export const MAX_TOKEN_DAYS = 366;

export interface OwnerStanding {
  isAdmin: boolean;
  /** Disabled in the embedded IdP: nothing works any more. */
  disabled: boolean;
}

/** The scopes the owner may use right now. */
export function ownerRights(owner: OwnerStanding): Set<TokenScope> {
  if (owner.disabled) return new Set();
  return new Set(owner.isAdmin ? TOKEN_SCOPES : TOKEN_SCOPES.filter((s) => !ADMIN_SCOPES.includes(s)));
}

/** What a token can do: its scopes, cut down to its owner's current rights. */
export function effectiveScopes(tokenScopes: readonly string[], owner: OwnerStanding): Set<TokenScope> {
  const rights = ownerRights(owner);
  return new Set(tokenScopes.filter((s): s is TokenScope => rights.has(s as TokenScope)));
}
