import type { PlanView } from '../plans/plan-view';
import { policySpec, type GatewayPolicyInput, type PolicySpec } from './spec';
import { toYamlStream, type YamlValue } from './yaml';

// The gateway's own rate-limit configuration for one product's plans, beside
// the ExtAuthPolicy (generate.ts), for gateways that enforce limits in their
// rate-limit service instead of in Lanyard's ext_authz:
//
// - gloo: a RateLimitServerConfig (admin.gloo.solo.io/v2) whose set
//   descriptors hold each plan's limits, and a RateLimitPolicy
//   (trafficcontrol.policy.gloo.solo.io/v2) on the product's routes whose set
//   actions build the descriptors. Field names as in solo-apis'
//   gloo-mesh-v2.6.x protos (the same on 2.3–2.6): RateLimitServerConfig
//   spec.destinationServers[] {ref {name, namespace}, port {name}},
//   spec.raw.setDescriptors[] {simpleDescriptors[] {key, value?}, rateLimit
//   {requestsPerUnit, unit}}; RateLimitPolicy spec.applyToRoutes[].route.labels,
//   spec.config {ratelimitServerConfig {name, namespace}, phase.postAuthz.priority,
//   raw.rateLimits[].setActions[] genericKey {descriptorValue} | metadata
//   {descriptorKey, metadataKey {key, path[] {key}}}}.
// - envoy: an envoyproxy/ratelimit service configuration (domain, nested
//   descriptors {key, value?, rate_limit {unit, requests_per_unit}}, as its
//   README has it at f2fb15770f7f) and the route's `rate_limits` for Envoy's
//   v3 route configuration (RateLimit.actions[] generic_key {descriptor_value} |
//   metadata {descriptor_key, metadata_key {key, path[] {key}}, source: DYNAMIC}).
//
// Each plan gives one descriptor per limit: (generic_key = lanyard-rate or
// lanyard-quota, api_product, usage_plan, client_id), where client_id has no
// value, so every client gets its own counter. The values come from the
// dynamic metadata Lanyard's gRPC ext_authz emits on an admitted request
// (namespace envoy.filters.http.ext_authz: clientId, productId, plan), so the
// routes must use it as their ext_authz service. Differences from Lanyard's
// own enforcement: these services count in fixed windows (no token bucket);
// Gloo's units stop at DAY, so a monthly quota cannot be expressed there (the
// file says so and leaves it to Lanyard's ext_authz); and neither emits the
// IETF RateLimit fields Lanyard's ext_authz sends.

export type RateLimitFormat = 'gloo' | 'envoy';

export interface RateLimitPolicyInput extends GatewayPolicyInput {
  plans: readonly Pick<PlanView, 'key' | 'name' | 'rate' | 'quota'>[];
  format: RateLimitFormat;
  /** The rate-limit service; default `rate-limiter` in `gloo-mesh-addons`, port `grpc` (Gloo's add-on). */
  rateLimiter?: { name?: string; namespace?: string };
  /** envoyproxy/ratelimit's domain; default `lanyard`. */
  domain?: string;
}

export interface RateLimitBundle {
  fileName: string;
  yaml: string;
  /** Limits the format cannot express, in words (also in the file's header). */
  notExpressed: string[];
}

const METADATA_NAMESPACE = 'envoy.filters.http.ext_authz';
const DESCRIPTOR = { rate: 'lanyard-rate', quota: 'lanyard-quota' } as const;
const GLOO_UNIT = { second: 'SECOND', minute: 'MINUTE', day: 'DAY' } as const;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'lanyard' };

interface Limit {
  kind: 'rate' | 'quota';
  plan: string;
  requests: number;
  unit: 'second' | 'minute' | 'day' | 'month';
}

function limitsOf(plans: RateLimitPolicyInput['plans']): Limit[] {
  return plans.flatMap((p) => [
    ...(p.rate ? [{ kind: 'rate' as const, plan: p.key, requests: p.rate.limit, unit: p.rate.window }] : []),
    ...(p.quota ? [{ kind: 'quota' as const, plan: p.key, requests: p.quota.limit, unit: p.quota.window }] : []),
  ]);
}

const fromMetadata = (field: string) => ({ key: METADATA_NAMESPACE, path: [{ key: field }] });

function glooDocuments(spec: PolicySpec, limits: Limit[], input: RateLimitPolicyInput): YamlValue[] {
  const serverName = `${spec.policyName}-rl`;
  const annotations = { 'lanyard/api-product-id': spec.apiProductId };
  const setActions = (kind: Limit['kind']): YamlValue => ({
    setActions: [
      { genericKey: { descriptorValue: DESCRIPTOR[kind] } },
      { metadata: { descriptorKey: 'api_product', metadataKey: fromMetadata('productId') } },
      { metadata: { descriptorKey: 'usage_plan', metadataKey: fromMetadata('plan') } },
      { metadata: { descriptorKey: 'client_id', metadataKey: fromMetadata('clientId') } },
    ],
  });
  const kinds = [...new Set(limits.filter((l) => l.unit !== 'month').map((l) => l.kind))];
  return [
    {
      apiVersion: 'admin.gloo.solo.io/v2',
      kind: 'RateLimitServerConfig',
      metadata: { name: serverName, namespace: spec.namespace, labels: MANAGED_BY, annotations },
      spec: {
        destinationServers: [
          {
            ref: { name: input.rateLimiter?.name ?? 'rate-limiter', namespace: input.rateLimiter?.namespace ?? 'gloo-mesh-addons' },
            port: { name: 'grpc' },
          },
        ],
        raw: {
          setDescriptors: limits
            .filter((l) => l.unit !== 'month')
            .map((l) => ({
              simpleDescriptors: [
                { key: 'generic_key', value: DESCRIPTOR[l.kind] },
                { key: 'api_product', value: spec.apiProductId },
                { key: 'usage_plan', value: l.plan },
                { key: 'client_id' },
              ],
              rateLimit: { requestsPerUnit: l.requests, unit: GLOO_UNIT[l.unit as keyof typeof GLOO_UNIT] },
            })),
        },
      },
    },
    {
      apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2',
      kind: 'RateLimitPolicy',
      metadata: { name: spec.policyName, namespace: spec.namespace, labels: MANAGED_BY, annotations },
      spec: {
        applyToRoutes: [{ route: { labels: { [spec.routeLabel.key]: spec.routeLabel.value } } }],
        config: {
          ratelimitServerConfig: { name: serverName, namespace: spec.namespace },
          phase: { postAuthz: { priority: 1 } },
          raw: { rateLimits: kinds.map(setActions) },
        },
      },
    },
  ];
}

function envoyDocuments(spec: PolicySpec, limits: Limit[], input: RateLimitPolicyInput): YamlValue[] {
  const byKind = (kind: Limit['kind']) => limits.filter((l) => l.kind === kind);
  const descriptors = (['rate', 'quota'] as const)
    .filter((kind) => byKind(kind).length)
    .map((kind) => ({
      key: 'generic_key',
      value: DESCRIPTOR[kind],
      descriptors: [
        {
          key: 'api_product',
          value: spec.apiProductId,
          descriptors: byKind(kind).map((l) => ({
            key: 'usage_plan',
            value: l.plan,
            descriptors: [{ key: 'client_id', rate_limit: { unit: l.unit, requests_per_unit: l.requests, name: `${l.plan}-${l.kind}` } }],
          })),
        },
      ],
    }));
  const action = (kind: Limit['kind']): YamlValue => ({
    actions: [
      { generic_key: { descriptor_value: DESCRIPTOR[kind] } },
      { metadata: { descriptor_key: 'api_product', metadata_key: fromMetadata('productId'), source: 'DYNAMIC' } },
      { metadata: { descriptor_key: 'usage_plan', metadata_key: fromMetadata('plan'), source: 'DYNAMIC' } },
      { metadata: { descriptor_key: 'client_id', metadata_key: fromMetadata('clientId'), source: 'DYNAMIC' } },
    ],
  });
  return [
    { domain: input.domain ?? 'lanyard', descriptors },
    { rate_limits: (['rate', 'quota'] as const).filter((kind) => byKind(kind).length).map(action) },
  ];
}

export function generateRateLimitPolicy(input: RateLimitPolicyInput): RateLimitBundle {
  const spec = policySpec(input);
  const limits = limitsOf(input.plans);
  const notExpressed =
    input.format === 'gloo'
      ? limits
          .filter((l) => l.unit === 'month')
          .map((l) => `the ${l.plan} plan's quota of ${l.requests} per month (Gloo's rate-limit units stop at DAY)`)
      : [];
  const header = [
    `Rate limits of API product ${spec.apiProductId}'s plans, generated by Lanyard (${input.format === 'gloo' ? 'Gloo Platform 2.x' : 'Envoy v3 + envoyproxy/ratelimit'}).`,
    `Plans: ${input.plans.map((p) => p.key).join(', ') || '(none: nothing to limit)'}.`,
    'Descriptor values come from the dynamic metadata of Lanyard’s gRPC ext_authz (envoy.filters.http.ext_authz:',
    'clientId, productId, plan): route this product’s requests through it (npm run authz, LANYARD_AUTHZ_GRPC_PORT).',
    'These services count in fixed windows; Lanyard’s ext_authz enforces the same plans itself with a token bucket.',
    ...notExpressed.map((n) => `Not expressed: ${n}; Lanyard's ext_authz enforces it.`),
    ...(input.format === 'envoy'
      ? [
          '',
          'Document 1: the rate-limit service configuration (a file in its runtime directory).',
          "Document 2: the product route's rate_limits (RouteAction.rate_limits).",
        ]
      : [
          '',
          `1. Label the routes of this product: ${spec.routeLabel.key}: ${JSON.stringify(spec.routeLabel.value)}`,
          '2. kubectl apply -f this file',
        ]),
  ];
  const documents = input.format === 'gloo' ? glooDocuments(spec, limits, input) : envoyDocuments(spec, limits, input);
  return { fileName: `${spec.policyName}-ratelimit-${input.format}.yaml`, yaml: toYamlStream(documents, header), notExpressed };
}
