import type { JWTPayload } from 'jose';
import type { AllowedRequest } from './types';

// What a verified access token says about its caller.
// - Scopes: a space-separated `scope` string (RFC 9068 §2.2.3, Cognito, the
//   embedded IdP) or an `scp` array (Okta); some IdPs send `scp` as a string.
// - Client: `client_id` (RFC 9068 §2.2), Okta's `cid`, else `azp`, else `sub`.
// Values go into upstream headers, so nothing outside printable ASCII gets
// through: such scopes are dropped, such ids percent-encoded. (A stray quote
// or backslash is harmless: it can never equal a product scope, and header
// values may hold it.)
// On the hot path a product scope is found in the claim as it came, without
// splitting it; the rest is worked out only when read.

export type ScopeClaim = 'scope' | 'scp' | 'auto';

const PRINTABLE = /^[\x20-\x7E]*$/;
const SCOPE_TOKEN = /^[\x21-\x7E]+$/;
const SPACE = 32;

/** The scopes as one space-separated string of scope-tokens. */
function scopeText(value: unknown): string {
  if (typeof value === 'string') {
    const wellFormed =
      PRINTABLE.test(value) && !value.includes('  ') && value.charCodeAt(0) !== SPACE && value.charCodeAt(value.length - 1) !== SPACE;
    return wellFormed
      ? value
      : value
          .split(' ')
          .filter((s) => SCOPE_TOKEN.test(s))
          .join(' ');
  }
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && SCOPE_TOKEN.test(s)).join(' ');
  return '';
}

function scopeClaimOf(payload: JWTPayload, claim: ScopeClaim): unknown {
  if (claim === 'scope') return payload.scope;
  if (claim === 'scp') return payload.scp;
  return typeof payload.scope === 'string' || Array.isArray(payload.scope) ? payload.scope : payload.scp;
}

/** Whether a space-separated list holds `item` as a whole entry. */
export function listHas(list: string, item: string): boolean {
  if (item.length === 0) return false;
  let at = list.indexOf(item);
  while (at !== -1) {
    const end = at + item.length;
    if ((at === 0 || list.charCodeAt(at - 1) === SPACE) && (end === list.length || list.charCodeAt(end) === SPACE)) return true;
    at = list.indexOf(item, at + 1);
  }
  return false;
}

function headerSafe(value: unknown): string {
  if (typeof value !== 'string') return '';
  return PRINTABLE.test(value) ? value : encodeURIComponent(value);
}

/**
 * An admitted caller. The product-scope test reads the claim as it came; the
 * header-safe identity and scope strings are worked out when first read (the
 * HTTP check reads them, an in-process caller may not) and kept.
 */
export class GrantedAccess implements AllowedRequest {
  readonly allow = true;
  private readonly granted: unknown;
  private id: string | undefined;
  private sub: string | undefined;
  private text: string | undefined;
  private list: string[] | undefined;

  constructor(
    private readonly payload: JWTPayload,
    claim: ScopeClaim,
  ) {
    this.granted = scopeClaimOf(payload, claim);
  }

  get clientId(): string {
    const { payload } = this;
    this.id ??= headerSafe(payload.client_id ?? payload.cid ?? payload.azp ?? payload.sub);
    return this.id;
  }

  get subject(): string {
    this.sub ??= headerSafe(this.payload.sub);
    return this.sub;
  }

  get scope(): string {
    this.text ??= scopeText(this.granted);
    return this.text;
  }

  get scopes(): readonly string[] {
    this.list ??= this.scope === '' ? [] : this.scope.split(' ');
    return this.list;
  }

  /** Whether the token holds `scope` (a scope-token) as one of its scopes. */
  grants(scope: string): boolean {
    const { granted } = this;
    if (typeof granted === 'string') return listHas(granted, scope);
    return Array.isArray(granted) && granted.includes(scope);
  }

  toJSON(): AllowedRequest {
    return { allow: true, clientId: this.clientId, scopes: this.scopes, scope: this.scope, subject: this.subject };
  }
}

export function grantedAccess(payload: JWTPayload, claim: ScopeClaim): GrantedAccess {
  return new GrantedAccess(payload, claim);
}

/** Whether `aud` (a string or an array, RFC 7519 §4.1.3) names one of `accepted`. */
export function audienceIn(aud: unknown, accepted: ReadonlySet<string>): boolean {
  if (accepted.size === 0) return false;
  if (typeof aud === 'string') return accepted.has(aud);
  if (!Array.isArray(aud)) return false;
  for (const a of aud) if (typeof a === 'string' && accepted.has(a)) return true;
  return false;
}

/** Whether `aud` names exactly `audience`. */
export function audienceIs(aud: unknown, audience: string): boolean {
  return aud === audience || (Array.isArray(aud) && aud.includes(audience));
}
