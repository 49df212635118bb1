import type { IdpAdapter, IdpKind } from '@/lib/idp/types';

// What the conformance suite needs to run against one adapter: the adapter,
// wired to a running IdP (the embedded one, or a stand-in for a cloud IdP),
// and a way to shut it all down. Each file in ./harness/ exports one.

export interface AdapterHarness {
  kind: IdpKind;
  adapter: IdpAdapter;
  /**
   * The OAuth error a token request gets for a scope the client holds no
   * grant for. RFC 6749 says `invalid_scope`; Okta answers `access_denied`
   * when its access policy has no rule for the request.
   */
  refusedScopeErrors: string[];
  /**
   * Runs the browser's part of an authorization request (sign-in, consent)
   * as the IdP's test person, and returns where the IdP sent the browser in
   * the end, or the IdP's own answer when it refused to redirect at all.
   */
  authorize(url: string): Promise<{ redirect?: URL; status: number }>;
  stop(): Promise<void>;
}

export interface HarnessFactory {
  kind: IdpKind;
  start(): Promise<AdapterHarness>;
}

/** For IdPs whose stand-in signs its one person in by itself: the first answer is the redirect. */
export async function authorizeWithoutSignIn(url: string): Promise<{ redirect?: URL; status: number }> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, redirect: location ? new URL(location, url) : undefined };
}

/** Every adapter's harness (./harness/*.ts), for suites that run against all three. */
export const harnessFactories: HarnessFactory[] = Object.values(
  import.meta.glob<{ harness: HarnessFactory }>('./harness/*.ts', { eager: true }),
).map((m) => m.harness);

/** The error a promise rejects with; fails if it resolves. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}
