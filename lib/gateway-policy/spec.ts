import { createHash } from 'node:crypto';
import { apiProductIdSchema, isUriProductId } from '../idp/api-product-id';
import { cognitoScopeName, productScope, type ScopeStyle } from '../idp/product-scope';
import type { IdpDiscovery } from '../idp/types';

// Everything the generated policy decides on, worked out once from an API
// product and an IdP, so that the Rego module (rego.ts), its TypeScript mirror
// (decide.ts) and the manifests (generate.ts) read the same values.

export type PolicyIdp = Pick<IdpDiscovery, 'kind' | 'issuer' | 'jwksUri' | 'scopeClaim' | 'audience'>;

export interface GatewayPolicyOptions {
  /** Namespace of the ExtAuthPolicy and the ConfigMap; default `gloo-mesh` (the reference policy's). */
  namespace?: string;
  /** The ExtAuthServer the policy uses (it must exist); default `ext-auth-server` in `namespace`. */
  extAuthServer?: { name: string; namespace?: string; cluster?: string };
  /** The route label the policy applies to; default key `api-product`, value derived from the product id. */
  routeLabel?: { key?: string; value?: string };
}

export interface GatewayPolicyInput {
  apiProductId: string;
  idp: PolicyIdp;
  scopeStyle: ScopeStyle;
  options?: GatewayPolicyOptions;
}

export interface PolicySpec {
  apiProductId: string;
  /** The scope a token must hold, exactly as the IdP writes it in access tokens. */
  requiredScope: string;
  idpKind: PolicyIdp['kind'];
  issuer: string;
  jwksUri: string;
  scopeClaim: 'scope' | 'scp';
  audience?: string;
  namespace: string;
  extAuthServer: { name: string; namespace: string; cluster?: string };
  routeLabel: { key: string; value: string };
  /** Kubernetes names (DNS-1123 labels). */
  policyName: string;
  configMapName: string;
  /** The Rego package (`lanyard.api_products.<id>`) and the OPA query Gloo runs. */
  regoPackage: string;
  opaQuery: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** RFC 1123 subdomain, what Kubernetes object names are (at most 253 characters). */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const shortHash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 8);

/** `https://api.example.com/tracks` → `https-api-example-com-tracks`, at most `max` characters. */
function slug(value: string, separator: '-' | '_', max: number): string {
  const s = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
  return s.slice(0, max).replace(new RegExp(`\\${separator}+$`), '');
}

function checkHttpUrl(what: string, value: string): void {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`${what} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
}

export function policySpec({ apiProductId, idp, scopeStyle, options = {} }: GatewayPolicyInput): PolicySpec {
  const parsed = apiProductIdSchema.safeParse(apiProductId);
  if (!parsed.success) throw new Error(`API product id ${parsed.error.issues[0]?.message}`);
  const id = parsed.data;
  if (scopeStyle.kind === 'resource-server' && isUriProductId(id) && !cognitoScopeName(id, scopeStyle.identifier)) {
    throw new Error(`API product id ${id} is a URI outside the resource server ${scopeStyle.identifier}, so no scope can name it`);
  }
  checkHttpUrl('The issuer', idp.issuer);
  checkHttpUrl('The JWKS URI', idp.jwksUri);
  if (idp.scopeClaim !== 'scope' && idp.scopeClaim !== 'scp') throw new Error(`Unknown scope claim ${String(idp.scopeClaim)}`);

  const namespace = options.namespace ?? 'gloo-mesh';
  if (!DNS_LABEL.test(namespace)) throw new Error(`Namespace ${JSON.stringify(namespace)} is not a Kubernetes namespace name`);
  const hash = shortHash(id);
  const base = `lanyard-${slug(id, '-', 40) || 'product'}-${hash}`;
  const labelKey = options.routeLabel?.key ?? 'api-product';
  const labelValue = options.routeLabel?.value ?? (LABEL_VALUE.test(id) ? id : `${slug(id, '-', 54) || 'product'}-${hash}`);
  if (!LABEL_KEY.test(labelKey)) throw new Error(`Route label key ${JSON.stringify(labelKey)} is not a Kubernetes label key`);
  if (!LABEL_VALUE.test(labelValue)) throw new Error(`Route label value ${JSON.stringify(labelValue)} is not a Kubernetes label value`);
  const server = options.extAuthServer ?? { name: 'ext-auth-server' };
  if (!DNS_SUBDOMAIN.test(server.name))
    throw new Error(`ExtAuthServer name ${JSON.stringify(server.name)} is not a Kubernetes object name`);
  if (server.namespace !== undefined && !DNS_LABEL.test(server.namespace)) {
    throw new Error(`ExtAuthServer namespace ${JSON.stringify(server.namespace)} is not a Kubernetes namespace name`);
  }
  if (server.cluster !== undefined && !DNS_SUBDOMAIN.test(server.cluster))
    throw new Error(`Cluster ${JSON.stringify(server.cluster)} is not a cluster name`);
  const regoPackage = `lanyard.api_products.${/^[a-z]/.test(slug(id, '_', 40)) ? slug(id, '_', 40) : `p_${slug(id, '_', 40)}`}_${hash}`;

  return {
    apiProductId: id,
    requiredScope: productScope(id, scopeStyle),
    idpKind: idp.kind,
    issuer: idp.issuer,
    jwksUri: idp.jwksUri,
    scopeClaim: idp.scopeClaim,
    ...(idp.audience ? { audience: idp.audience } : {}),
    namespace,
    extAuthServer: { name: server.name, namespace: server.namespace ?? namespace, ...(server.cluster ? { cluster: server.cluster } : {}) },
    routeLabel: { key: labelKey, value: labelValue },
    policyName: base,
    configMapName: `${base}-opa`,
    regoPackage,
    opaQuery: `data.${regoPackage}.allow == true`,
  };
}
