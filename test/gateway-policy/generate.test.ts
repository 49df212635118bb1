import { describe, expect, it } from 'vitest';
import { generateGatewayPolicy, REGO_CONFIGMAP_KEY } from '@/lib/gateway-policy';
import { configMapManifest, extAuthPolicyManifest } from '@/lib/gateway-policy/generate';
import { idps, input, RESOURCE_SERVER, yaml, type IdpName } from './fixtures';

// The downloadable bundle: a ConfigMap with the Rego module and a Gloo
// ExtAuthPolicy in the reference shape, written by hand-rolled YAML that a real
// YAML parser (js-yaml) must read back to exactly the manifests meant.

interface Meta {
  name: string;
  namespace: string;
}
interface ConfigMapDoc {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  data: Record<string, string>;
}
interface ExtAuthPolicyDoc {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  spec: {
    applyToRoutes: { route: { labels: Record<string, string> } }[];
    config: {
      server: Record<string, string>;
      glooAuth: { configs: [unknown, { opaAuth: { modules: Meta[]; query: string } }] };
    };
  };
}
type Docs = [ConfigMapDoc, ExtAuthPolicyDoc];

const cases: [IdpName, string][] = [
  ['embedded', 'tracks'],
  ['okta', 'tracks'],
  ['cognito', 'tracks'],
  ['cognito', `${RESOURCE_SERVER}/tracks`],
  ['embedded', 'payments.v2_beta-1'],
];

describe.each(cases)('%s IdP, product %s', (idpName, productId) => {
  const bundle = generateGatewayPolicy(input(idpName, productId));
  const docs = yaml.loadAll(bundle.yaml) as Docs;
  const [configMap, policy] = docs;

  it('parses as two YAML documents equal to the manifests meant', () => {
    expect(docs).toHaveLength(2);
    expect(configMap).toEqual(configMapManifest(bundle.spec, bundle.rego));
    expect(policy).toEqual(extAuthPolicyManifest(bundle.spec));
    expect(bundle.yaml.startsWith('# Gateway policy for API product')).toBe(true);
    expect(bundle.fileName).toBe(`${bundle.spec.policyName}.yaml`);
  });

  it('the ConfigMap holds the Rego module byte for byte', () => {
    expect(configMap).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: bundle.spec.configMapName, namespace: 'gloo-mesh' },
    });
    expect(configMap.data[REGO_CONFIGMAP_KEY]).toBe(bundle.rego);
  });

  it("is an ExtAuthPolicy in the reference shape: JWT against the IdP's JWKS and issuer, then the OPA module", () => {
    const { idp } = idps[idpName];
    expect(policy.apiVersion).toBe('security.policy.gloo.solo.io/v2');
    expect(policy.kind).toBe('ExtAuthPolicy');
    expect(policy.metadata).toMatchObject({ name: bundle.spec.policyName, namespace: 'gloo-mesh' });
    expect(policy.spec.applyToRoutes).toEqual([{ route: { labels: { 'api-product': bundle.spec.routeLabel.value } } }]);
    expect(policy.spec.config.server).toEqual({ name: 'ext-auth-server', namespace: 'gloo-mesh' });
    const [jwtStep, opaStep] = policy.spec.config.glooAuth.configs;
    expect(jwtStep).toEqual({ oauth2: { accessTokenValidation: { jwt: { remoteJwks: { url: idp.jwksUri }, issuer: idp.issuer } } } });
    expect(opaStep).toEqual({
      opaAuth: { modules: [{ name: configMap.metadata.name, namespace: configMap.metadata.namespace }], query: bundle.spec.opaQuery },
    });
    // The query names the package the module declares.
    const pkg = /^package (\S+)$/m.exec(bundle.rego)![1];
    expect(bundle.spec.opaQuery).toBe(`data.${pkg}.allow == true`);
  });

  it('uses Kubernetes-valid names and labels', () => {
    for (const name of [bundle.spec.policyName, bundle.spec.configMapName]) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    expect(bundle.spec.routeLabel.value).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
  });
});

describe('names', () => {
  it('labels routes with the product id itself when it is a valid label value, else with a slug and a hash', () => {
    expect(generateGatewayPolicy(input('okta', 'tracks')).spec.routeLabel).toEqual({ key: 'api-product', value: 'tracks' });
    const uri = generateGatewayPolicy(input('cognito', `${RESOURCE_SERVER}/tracks`)).spec;
    expect(uri.routeLabel.value).toMatch(/^https-api-example-com-tracks-[0-9a-f]{8}$/);
  });

  it('gives different products different names and packages, even when their slugs meet', () => {
    const a = generateGatewayPolicy(input('embedded', 'a.b')).spec;
    const b = generateGatewayPolicy(input('embedded', 'a-b')).spec;
    expect(a.policyName).not.toBe(b.policyName);
    expect(a.regoPackage).not.toBe(b.regoPackage);
    expect(a.regoPackage).toMatch(/^lanyard\.api_products\.[a-z_][a-z0-9_]*$/);
  });

  it('starts a package segment with a letter for ids that start with a digit', () => {
    expect(generateGatewayPolicy(input('embedded', '9lives')).spec.regoPackage).toMatch(/^lanyard\.api_products\.p_9lives_[0-9a-f]{8}$/);
  });

  it('keeps long ids within the 63-character limit', () => {
    const spec = generateGatewayPolicy(input('embedded', `a${'b'.repeat(62)}`)).spec;
    expect(spec.configMapName.length).toBeLessThanOrEqual(63);
    expect(spec.routeLabel.value.length).toBeLessThanOrEqual(63);
  });

  it('takes namespace, server and route label from options', () => {
    const bundle = generateGatewayPolicy(
      input('okta', 'tracks', {
        namespace: 'portal',
        extAuthServer: { name: 'oauth-okta-server', namespace: 'gloo-mesh', cluster: 'cluster-1' },
        routeLabel: { key: 'usagePlans', value: 'dev-portal' },
      }),
    );
    const [configMap, policy] = yaml.loadAll(bundle.yaml) as Docs;
    expect(configMap.metadata.namespace).toBe('portal');
    expect(policy.spec.config.server).toEqual({ name: 'oauth-okta-server', namespace: 'gloo-mesh', cluster: 'cluster-1' });
    expect(policy.spec.applyToRoutes[0]!.route.labels).toEqual({ usagePlans: 'dev-portal' });
    expect(policy.spec.config.glooAuth.configs[1].opaAuth.modules).toEqual([{ name: configMap.metadata.name, namespace: 'portal' }]);
  });
});

describe('refused inputs', () => {
  it('an API product id that cannot be a scope', () => {
    expect(() => generateGatewayPolicy(input('okta', 'has space'))).toThrow(/API product id/);
    expect(() => generateGatewayPolicy(input('okta', 'Upper'))).toThrow(/API product id/);
  });

  it("a URI product id outside Cognito's resource server", () => {
    expect(() => generateGatewayPolicy(input('cognito', 'https://other.example.com/tracks'))).toThrow(/outside the resource server/);
  });

  it('issuer and JWKS URIs that are not http(s) URLs', () => {
    expect(() => generateGatewayPolicy({ ...input('okta', 'tracks'), idp: { ...idps.okta.idp, issuer: 'dev-1234567.okta.com' } })).toThrow(
      /issuer/,
    );
    expect(() => generateGatewayPolicy({ ...input('okta', 'tracks'), idp: { ...idps.okta.idp, jwksUri: 'file:///etc/keys' } })).toThrow(
      /JWKS/,
    );
  });

  it('names Kubernetes would refuse', () => {
    expect(() => generateGatewayPolicy(input('okta', 'tracks', { namespace: 'Gloo Mesh' }))).toThrow(/namespace/);
    expect(() => generateGatewayPolicy(input('okta', 'tracks', { routeLabel: { value: 'has space' } }))).toThrow(/label value/);
    expect(() => generateGatewayPolicy(input('okta', 'tracks', { routeLabel: { key: 'bad key!' } }))).toThrow(/label key/);
  });
});

describe('options that are not Kubernetes names', () => {
  it('refuses an ExtAuthServer name with a line break (it would escape the YAML comment)', () => {
    expect(() => generateGatewayPolicy(input('okta', 'tracks', { extAuthServer: { name: 'x\nkind: Secret' } }))).toThrow(
      /ExtAuthServer name/,
    );
  });
});
