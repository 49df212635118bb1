import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { GatewayPolicyInput } from '@/lib/gateway-policy';

// The three IdPs as their discovery describes them, and a YAML parser for
// reading back what the generator writes.

// js-yaml is not a dependency of Lanyard (it comes with @okta/okta-sdk-nodejs
// and swagger-ui-react); the tests use it only as an independent YAML parser.
export const yaml = createRequire(import.meta.url)('js-yaml') as {
  load(source: string): unknown;
  loadAll(source: string): unknown[];
};

export const EMBEDDED_ISSUER = 'http://localhost:3000/oidc';
export const OKTA_ISSUER = 'https://dev-1234567.okta.com/oauth2/default';
export const COGNITO_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
export const RESOURCE_SERVER = 'https://api.example.com';

export const idps = {
  embedded: {
    idp: {
      kind: 'embedded',
      issuer: EMBEDDED_ISSUER,
      jwksUri: `${EMBEDDED_ISSUER}/jwks`,
      scopeClaim: 'scope',
      audience: 'http://localhost:3000/apis',
    },
    scopeStyle: { kind: 'plain' },
  },
  okta: {
    idp: { kind: 'okta', issuer: OKTA_ISSUER, jwksUri: `${OKTA_ISSUER}/v1/keys`, scopeClaim: 'scp', audience: 'api://default' },
    scopeStyle: { kind: 'plain' },
  },
  cognito: {
    idp: { kind: 'cognito', issuer: COGNITO_ISSUER, jwksUri: `${COGNITO_ISSUER}/.well-known/jwks.json`, scopeClaim: 'scope' },
    scopeStyle: { kind: 'resource-server', identifier: RESOURCE_SERVER },
  },
} satisfies Record<string, Omit<GatewayPolicyInput, 'apiProductId'>>;

export type IdpName = keyof typeof idps;

export function input(name: IdpName, apiProductId: string, options?: GatewayPolicyInput['options']): GatewayPolicyInput {
  return { apiProductId, ...idps[name], ...(options ? { options } : {}) };
}

/** An `opa` binary on PATH, if there is one (there is none in this project's environment). */
export const opaBinary: string | undefined = (() => {
  const probe = spawnSync('opa', ['version'], { encoding: 'utf8' });
  return probe.status === 0 ? 'opa' : undefined;
})();
