import type { GrantedAccess } from './token-claims';

// Tokens whose signature and claims were already checked, keyed by the whole
// token string (never a part of it: a cached signature must not vouch for a
// different payload). Bounded, least recently used first out; an entry is
// worth nothing after `expiresAt`, and the caller re-checks expiry and the
// product scope on every hit.

export interface VerifiedToken {
  readonly allowed: GrantedAccess;
  /** Milliseconds since the epoch after which the token is expired (exp + leeway). */
  readonly expiresAt: number;
  /** The token's `aud` claim as it came, for products with an audience of their own. */
  readonly aud: unknown;
  /** Whether `aud` names one of the globally accepted audiences. */
  readonly globalAudience: boolean;
}

export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    // Move to the young end (a Map iterates in insertion order).
    this.entries.delete(token);
    this.entries.set(token, entry);
    return entry;
  }

  set(token: string, entry: VerifiedToken): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(token);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, entry);
  }

  delete(token: string): void {
    this.entries.delete(token);
  }
}
