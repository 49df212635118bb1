import { errors, importJWK, type JWK, type JWSHeaderParameters } from 'jose';

// The IdP's signing keys (RFC 7517 JWKS), fetched once and kept. A token whose
// `kid` is not in the set triggers one refetch (the IdP may have rotated), but
// at most once per cooldown, so a stream of tokens with made-up kids cannot
// turn the check into a JWKS flood. A set older than maxAge is refreshed in
// the background while the old one keeps serving. Imported keys are cached per
// (kid, alg), so the hot path is two Map lookups.

export class JwksUnavailableError extends Error {
  override name = 'JwksUnavailableError';
}

export interface JwksCacheOptions {
  jwksUri: string;
  cooldownMs?: number;
  maxAgeMs?: number;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Which JWK an algorithm can use (RFC 7518 §3.1, RFC 8037). */
const KEY_TYPE_FOR_ALG: Readonly<Record<string, { kty: string; crv?: string }>> = {
  RS256: { kty: 'RSA' },
  RS384: { kty: 'RSA' },
  RS512: { kty: 'RSA' },
  PS256: { kty: 'RSA' },
  PS384: { kty: 'RSA' },
  PS512: { kty: 'RSA' },
  ES256: { kty: 'EC', crv: 'P-256' },
  ES384: { kty: 'EC', crv: 'P-384' },
  ES512: { kty: 'EC', crv: 'P-521' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  Ed25519: { kty: 'OKP', crv: 'Ed25519' },
};

export const ASYMMETRIC_ALGORITHMS: readonly string[] = Object.keys(KEY_TYPE_FOR_ALG);

class PublishedKey {
  private readonly imported = new Map<string, CryptoKey | Promise<CryptoKey>>();
  constructor(readonly jwk: JWK) {}

  canVerify(alg: string): boolean {
    const want = KEY_TYPE_FOR_ALG[alg];
    const { kty, crv, use, key_ops: ops } = this.jwk;
    return (
      want !== undefined &&
      kty === want.kty &&
      (want.crv === undefined || crv === want.crv) &&
      (this.jwk.alg === undefined || this.jwk.alg === alg) &&
      (use === undefined || use === 'sig') &&
      (ops === undefined || ops.includes('verify'))
    );
  }

  keyFor(alg: string): CryptoKey | Promise<CryptoKey> {
    const hit = this.imported.get(alg);
    if (hit !== undefined) return hit;
    const pending = (importJWK(this.jwk, alg) as Promise<CryptoKey>).then(
      (key) => {
        this.imported.set(alg, key);
        return key;
      },
      (err: unknown) => {
        this.imported.delete(alg);
        throw err;
      },
    );
    this.imported.set(alg, pending);
    return pending;
  }
}

interface KeySet {
  byKid: Map<string, PublishedKey[]>;
  all: PublishedKey[];
}

function toKeySet(body: unknown): KeySet {
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new JwksUnavailableError('the JWKS response has no "keys" array');
  const set: KeySet = { byKid: new Map(), all: [] };
  for (const jwk of keys as JWK[]) {
    // Public asymmetric keys only: never a shared secret, never a private key.
    if (!jwk || typeof jwk.kty !== 'string' || jwk.kty === 'oct' || 'd' in jwk) continue;
    const key = new PublishedKey(jwk);
    set.all.push(key);
    if (typeof jwk.kid === 'string') {
      const same = set.byKid.get(jwk.kid);
      if (same) same.push(key);
      else set.byKid.set(jwk.kid, [key]);
    }
  }
  return set;
}

/** The issuer's only key, ready to use: most issuers publish one signing key at a time. */
export interface SoleKey {
  readonly kid: string | undefined;
  readonly alg: string;
  readonly key: CryptoKey;
}

export class JwksCache {
  private set: KeySet | undefined;
  private sole: SoleKey | undefined;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private inflight: Promise<void> | undefined;
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;
  fetches = 0;

  constructor(private readonly options: JwksCacheOptions) {
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** jose's key resolver: `jwtVerify(token, cache.resolve, …)`. */
  readonly resolve = (header: JWSHeaderParameters): CryptoKey | Promise<CryptoKey> => {
    const alg = header.alg as string;
    const set = this.set;
    if (set !== undefined) {
      if (this.now() - this.fetchedAt > this.maxAgeMs) this.refreshInBackground();
      const key = pick(set, header.kid, alg);
      if (key !== undefined) return key.keyFor(alg);
    }
    return this.resolveAfterRefetch(header.kid, alg);
  };

  /**
   * When the set holds exactly one key that declares its algorithm, that key,
   * once imported: a token can be tried against it before its header is read.
   */
  soleKey(): SoleKey | undefined {
    if (this.sole !== undefined && this.now() - this.fetchedAt > this.maxAgeMs) this.refreshInBackground();
    return this.sole;
  }

  /** The key for a header when it is already imported: no await, no fetch. */
  keyNow(header: JWSHeaderParameters): CryptoKey | undefined {
    const set = this.set;
    if (set === undefined || typeof header.alg !== 'string') return undefined;
    if (this.now() - this.fetchedAt > this.maxAgeMs) this.refreshInBackground();
    const key = pick(set, header.kid, header.alg)?.keyFor(header.alg);
    return key instanceof Promise ? undefined : key;
  }

  async load(): Promise<void> {
    if (this.set === undefined) await this.refetch(0);
  }

  private async resolveAfterRefetch(kid: string | undefined, alg: string): Promise<CryptoKey> {
    // No set yet: retry a failed first load after a short pause, not the full cooldown.
    await this.refetch(this.set === undefined ? Math.min(this.cooldownMs, 1_000) : this.cooldownMs);
    const key = this.set === undefined ? undefined : pick(this.set, kid, alg);
    if (key === undefined) throw new errors.JWKSNoMatchingKey();
    return key.keyFor(alg);
  }

  private refetch(cooldownMs: number): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.now() - this.attemptedAt < cooldownMs) {
      if (this.set === undefined) return Promise.reject(new JwksUnavailableError('the issuer JWKS could not be fetched'));
      return Promise.resolve();
    }
    this.attemptedAt = this.now();
    this.inflight = this.fetchSet().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private refreshInBackground(): void {
    if (this.inflight || this.now() - this.attemptedAt < this.cooldownMs) return;
    this.refetch(this.cooldownMs).catch(() => {
      // Keep serving the set we have; the next stale use tries again.
    });
  }

  private async fetchSet(): Promise<void> {
    this.fetches += 1;
    let body: unknown;
    try {
      const res = await this.fetchImpl(this.options.jwksUri, {
        headers: { accept: 'application/jwk-set+json, application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (cause) {
      throw new JwksUnavailableError(`the issuer JWKS could not be fetched from ${this.options.jwksUri}`, { cause });
    }
    const set = toKeySet(body);
    this.set = set;
    this.sole = undefined;
    this.fetchedAt = this.now();
    const only = set.all.length === 1 ? set.all[0] : undefined;
    const alg = only?.jwk.alg;
    if (only !== undefined && alg !== undefined && only.canVerify(alg)) {
      const { kid } = only.jwk;
      void Promise.resolve(only.keyFor(alg)).then(
        (key) => {
          if (this.set === set) this.sole = { kid, alg, key };
        },
        () => undefined,
      );
    }
  }
}

function pick(set: KeySet, kid: string | undefined, alg: string): PublishedKey | undefined {
  if (kid !== undefined) {
    const candidates = set.byKid.get(kid);
    if (candidates === undefined) return undefined;
    for (const key of candidates) if (key.canVerify(alg)) return key;
    return undefined;
  }
  // No kid: usable only when exactly one key fits the algorithm.
  let only: PublishedKey | undefined;
  for (const key of set.all) {
    if (!key.canVerify(alg)) continue;
    if (only !== undefined) return undefined;
    only = key;
  }
  return only;
}
