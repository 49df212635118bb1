import { describe, expect, it } from 'vitest';
import { embeddedIdpDefaults, parseAuthzEnv, parseGatewayEnv } from '@/lib/data-path/authz-config';
import { checkConfigFromDiscovery } from '@/lib/data-path/check-config-from-discovery';
import { DataPathConfigError } from '@/lib/data-path/create-check';
import { routeTable } from '@/lib/data-path/route-table';
import { apiAudience, embeddedAdapter, embeddedIssuerFor, productResource } from '@/lib/idp/embedded';
import type { IdpDiscovery } from '@/lib/idp/types';

// The check's configuration: from the portal's IdP discovery, and from
// LANYARD_AUTHZ_* for the standalone process, failing with a message that
// names the variable.

const portalUrl = 'http://localhost:3000';
const neverCalled = () => {
  throw new Error('not needed for discovery');
};

describe('configuration from the IdP discovery', () => {
  it('matches what the embedded IdP issues, including one-product audiences', async () => {
    const discovery = await embeddedAdapter({ portalUrl, db: neverCalled, provider: neverCalled }).discovery();
    const config = checkConfigFromDiscovery(discovery);
    expect(config).toMatchObject({
      issuer: embeddedIssuerFor(portalUrl),
      jwksUri: `${embeddedIssuerFor(portalUrl)}/jwks`,
      audience: apiAudience(portalUrl),
      scopeClaim: 'scope',
    });
    for (const id of ['tracks', 'https://api.example.com/tracks']) {
      expect(`${config.productAudiencePrefix}${encodeURIComponent(id)}`).toBe(productResource(portalUrl, id));
    }
  });

  it('reads Okta scopes from scp', () => {
    const okta: IdpDiscovery = {
      kind: 'okta',
      issuer: 'https://org.okta.com/oauth2/aus1',
      tokenEndpoint: 'https://org.okta.com/oauth2/aus1/v1/token',
      jwksUri: 'https://org.okta.com/oauth2/aus1/v1/keys',
      scopeClaim: 'scp',
      audience: 'api://lanyard',
      secretRotation: 'dual',
      resourceIndicators: false,
    };
    expect(checkConfigFromDiscovery(okta)).toMatchObject({
      scopeClaim: 'scp',
      audience: 'api://lanyard',
      productAudiencePrefix: undefined,
    });
  });

  it('insists on the resource server for Cognito', () => {
    const cognito: IdpDiscovery = {
      kind: 'cognito',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
      tokenEndpoint: 'https://auth.example.com/oauth2/token',
      jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json',
      scopeClaim: 'scope',
      secretRotation: 'none',
      resourceIndicators: false,
    };
    expect(() => checkConfigFromDiscovery(cognito)).toThrow(DataPathConfigError);
    expect(checkConfigFromDiscovery(cognito, { scopeStyle: { kind: 'resource-server', identifier: 'access' } }).scopeStyle).toEqual({
      kind: 'resource-server',
      identifier: 'access',
    });
  });
});

describe('LANYARD_AUTHZ_* settings', () => {
  it('reads a complete Cognito configuration', () => {
    const settings = parseAuthzEnv({
      LANYARD_AUTHZ_PORT: '9002',
      LANYARD_AUTHZ_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
      LANYARD_AUTHZ_SCOPE_STYLE: 'resource-server',
      LANYARD_AUTHZ_RESOURCE_SERVER: 'access',
      LANYARD_AUTHZ_ROUTES: '{"/tracks":"tracks-rest-api"}',
      LANYARD_AUTHZ_PATH_PREFIX: '/ext_authz',
    });
    expect(settings).toMatchObject({
      port: 9002,
      routes: { '/tracks': 'tracks-rest-api' },
      pathPrefix: '/ext_authz',
      productHeader: 'x-api-product-id',
      check: { scopeStyle: { kind: 'resource-server', identifier: 'access' }, jwksUri: undefined, cacheSize: 10_000 },
    });
  });

  it('names every bad variable', () => {
    const attempt = () =>
      parseAuthzEnv({
        LANYARD_AUTHZ_PORT: 'http',
        LANYARD_AUTHZ_ISSUER: 'not a url',
        LANYARD_AUTHZ_ROUTES: '{"tracks": "tracks"}',
        LANYARD_AUTHZ_PRODUCTS: '{oops',
        LANYARD_AUTHZ_SCOPE_STYLE: 'cognito',
      });
    expect(attempt).toThrow(DataPathConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of [
      'LANYARD_AUTHZ_PORT',
      'LANYARD_AUTHZ_ISSUER',
      'LANYARD_AUTHZ_ROUTES: key "tracks" must be a path starting with /',
      'LANYARD_AUTHZ_PRODUCTS: must be JSON',
      'LANYARD_AUTHZ_SCOPE_STYLE',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('says the issuer is required, and the resource server for the resource-server style', () => {
    expect(() => parseAuthzEnv({})).toThrow(/LANYARD_AUTHZ_ISSUER: is required/);
    expect(() => parseAuthzEnv({ LANYARD_AUTHZ_ISSUER: 'https://idp.example.com', LANYARD_AUTHZ_SCOPE_STYLE: 'resource-server' })).toThrow(
      /LANYARD_AUTHZ_RESOURCE_SERVER: is required/,
    );
  });

  it('defaults the demo gateway to the embedded IdP of LANYARD_URL', () => {
    const settings = parseGatewayEnv({ LANYARD_URL: portalUrl });
    expect(settings.allowedOrigins).toEqual([portalUrl]);
    expect(settings.check).toMatchObject({
      issuer: embeddedIssuerFor(portalUrl),
      jwksUri: `${embeddedIssuerFor(portalUrl)}/jwks`,
      audience: [apiAudience(portalUrl)],
    });
    expect(embeddedIdpDefaults(portalUrl).LANYARD_AUTHZ_PRODUCT_AUDIENCE_PREFIX + 'tracks').toBe(productResource(portalUrl, 'tracks'));
    expect(parseGatewayEnv({ LANYARD_GATEWAY_AUTHZ_URL: 'http://127.0.0.1:9191' }).check).toBeUndefined();
  });
});

describe('the route map', () => {
  const table = routeTable({ '/tracks': 'tracks', '/tracks/v2': 'tracks-v2', '/petstore/': 'petstore' });

  it('picks the longest prefix at a segment boundary', () => {
    expect(table.productFor('/tracks')).toBe('tracks');
    expect(table.productFor('/tracks?limit=2')).toBe('tracks');
    expect(table.productFor('/tracks/v2/x')).toBe('tracks-v2');
    expect(table.productFor('/tracks/v20')).toBe('tracks');
    expect(table.productFor('/petstore/pet/1')).toBe('petstore');
    expect(table.productFor('/trackside')).toBeUndefined();
  });

  it('matches nothing for paths a router could read another way', () => {
    for (const path of ['/tracks/../petstore', '/tracks/./x', '/tracks/%2E%2E/x', '/tracks%2fx', '/tracks//x', '/tracks/a\\b']) {
      expect(table.productFor(path), path).toBeUndefined();
    }
    expect(table.productFor('/tracks/x?next=/../y')).toBe('tracks');
  });
});
