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
  stop(): Promise<void>;
}

export interface HarnessFactory {
  kind: IdpKind;
  start(): Promise<AdapterHarness>;
}
