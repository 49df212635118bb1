import 'server-only';
import { db } from '../db';
import { env, type Env } from '../env';
import { cognitoAdapter } from './cognito';
import { embeddedAdapter, embeddedProvider } from './embedded';
import { oktaAdapter } from './okta/adapter';
import type { ScopeStyle } from './product-scope';
import { serializedAdapter } from './serialized';
import type { IdpAdapter, IdpKind } from './types';

// The adapter the portal uses, chosen by LANYARD_SPI_ADAPTER (default: the
// sign-in IdP, LANYARD_IDP). Nothing outside lib/idp/ knows which one it is.

const holder = globalThis as unknown as { __lanyardIdpAdapter?: IdpAdapter };

export function adapterKind(e: Env = env()): IdpKind {
  return e.LANYARD_SPI_ADAPTER ?? e.LANYARD_IDP;
}

export function createAdapter(e: Env): IdpAdapter {
  const kind = adapterKind(e);
  switch (kind) {
    case 'embedded':
      return embeddedAdapter({ portalUrl: e.LANYARD_URL, db, provider: embeddedProvider });
    case 'okta':
      // requiredFor() in env.ts has checked these are set.
      return oktaAdapter({
        orgUrl: e.LANYARD_OKTA_ORG_URL!,
        apiToken: e.LANYARD_OKTA_API_TOKEN!,
        authServerId: e.LANYARD_OKTA_AUTH_SERVER_ID!,
      });
    case 'cognito':
      return cognitoAdapter({
        region: e.LANYARD_COGNITO_REGION!,
        userPoolId: e.LANYARD_COGNITO_USER_POOL_ID!,
        domain: e.LANYARD_COGNITO_DOMAIN!,
        resourceServer: e.LANYARD_COGNITO_RESOURCE_SERVER!,
        endpoint: e.LANYARD_COGNITO_ENDPOINT,
        issuer: e.LANYARD_COGNITO_ISSUER,
      });
  }
}

export function idp(): IdpAdapter {
  holder.__lanyardIdpAdapter ??= serializedAdapter(createAdapter(env()), db);
  return holder.__lanyardIdpAdapter;
}

/** How product ids become scopes in the configured IdP's tokens. */
export function scopeStyle(e: Env = env()): ScopeStyle {
  return adapterKind(e) === 'cognito' && e.LANYARD_COGNITO_RESOURCE_SERVER
    ? { kind: 'resource-server', identifier: e.LANYARD_COGNITO_RESOURCE_SERVER }
    : { kind: 'plain' };
}
