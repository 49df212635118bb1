import { oktaAdapter } from '@/lib/idp/okta/adapter';
import { startOktaStandIn } from '../../stand-ins/okta';
import { authorizeWithoutSignIn, type HarnessFactory } from '../adapter-harness';

// The Okta adapter, through @okta/okta-sdk-nodejs, against the local Okta
// stand-in. Okta refuses a known scope that no access-policy rule grants the
// client with `access_denied` ("Policy evaluation failed for this request"),
// not RFC 6749's `invalid_scope` (which it keeps for scopes the server does
// not define at all).

export const harness: HarnessFactory = {
  kind: 'okta',
  async start() {
    const okta = await startOktaStandIn();
    const adapter = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: okta.authServerId });
    return { kind: 'okta', adapter, refusedScopeErrors: ['access_denied'], authorize: authorizeWithoutSignIn, stop: () => okta.stop() };
  },
};
