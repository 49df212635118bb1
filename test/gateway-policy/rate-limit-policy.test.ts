import { describe, expect, it } from 'vitest';
import { generateRateLimitPolicy } from '@/lib/gateway-policy/rate-limit-policy';
import { idps, yaml } from './fixtures';

// The plans as the gateway's own rate-limit configuration: Gloo's
// RateLimitServerConfig + RateLimitPolicy, or envoyproxy/ratelimit's
// descriptors and Envoy's route actions, read back with an independent YAML
// parser.

const plans = [
  { key: 'starter', name: 'Starter', rate: { limit: 10, window: 'minute' as const }, quota: { limit: 1000, window: 'day' as const } },
  {
    key: 'partner',
    name: 'Partner',
    rate: { limit: 50, window: 'second' as const },
    quota: { limit: 1_000_000, window: 'month' as const },
  },
];

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Gloo rate limits', () => {
  const bundle = generateRateLimitPolicy({ apiProductId: 'tracks', ...idps.embedded, plans, format: 'gloo' });
  const [server, policy] = yaml.loadAll(bundle.yaml) as Doc[];

  it('one set descriptor per plan and limit, counted per client', () => {
    expect(server).toMatchObject({
      apiVersion: 'admin.gloo.solo.io/v2',
      kind: 'RateLimitServerConfig',
      metadata: { namespace: 'gloo-mesh' },
    });
    expect(server!.spec.destinationServers).toEqual([
      { ref: { name: 'rate-limiter', namespace: 'gloo-mesh-addons' }, port: { name: 'grpc' } },
    ]);
    expect(server!.spec.raw.setDescriptors).toEqual([
      {
        simpleDescriptors: [
          { key: 'generic_key', value: 'lanyard-rate' },
          { key: 'api_product', value: 'tracks' },
          { key: 'usage_plan', value: 'starter' },
          { key: 'client_id' },
        ],
        rateLimit: { requestsPerUnit: 10, unit: 'MINUTE' },
      },
      expect.objectContaining({ rateLimit: { requestsPerUnit: 1000, unit: 'DAY' } }),
      expect.objectContaining({ rateLimit: { requestsPerUnit: 50, unit: 'SECOND' } }),
    ]);
  });

  it('says what Gloo cannot express (a monthly quota) instead of getting it wrong', () => {
    expect(bundle.notExpressed).toEqual([expect.stringContaining("partner plan's quota")]);
    expect(bundle.yaml).toMatch(/^# Not expressed: the partner plan's quota of 1000000 per month/m);
  });

  it('the policy applies to the product’s routes after authz and builds the descriptors from ext_authz metadata', () => {
    expect(policy).toMatchObject({
      apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2',
      kind: 'RateLimitPolicy',
      spec: {
        applyToRoutes: [{ route: { labels: { 'api-product': 'tracks' } } }],
        config: { ratelimitServerConfig: { name: server!.metadata.name, namespace: 'gloo-mesh' }, phase: { postAuthz: { priority: 1 } } },
      },
    });
    const [rate] = policy!.spec.config.raw.rateLimits;
    expect(rate.setActions).toEqual([
      { genericKey: { descriptorValue: 'lanyard-rate' } },
      { metadata: { descriptorKey: 'api_product', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'productId' }] } } },
      { metadata: { descriptorKey: 'usage_plan', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'plan' }] } } },
      { metadata: { descriptorKey: 'client_id', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'clientId' }] } } },
    ]);
  });
});

describe('Envoy rate limits', () => {
  const bundle = generateRateLimitPolicy({ apiProductId: 'tracks', ...idps.embedded, plans, format: 'envoy' });
  const [service, route] = yaml.loadAll(bundle.yaml) as Doc[];

  it('envoyproxy/ratelimit descriptors nest generic_key → api_product → usage_plan → client_id, month units included', () => {
    expect(service!.domain).toBe('lanyard');
    const quota = service!.descriptors.find((d: Doc) => d.value === 'lanyard-quota');
    const partner = quota.descriptors[0].descriptors.find((d: Doc) => d.value === 'partner');
    expect(partner.descriptors).toEqual([
      { key: 'client_id', rate_limit: { unit: 'month', requests_per_unit: 1000000, name: 'partner-quota' } },
    ]);
    expect(bundle.notExpressed).toEqual([]);
  });

  it('the route’s rate_limits read the same metadata', () => {
    expect(route!.rate_limits).toHaveLength(2);
    expect(route!.rate_limits[0].actions[3]).toEqual({
      metadata: {
        descriptor_key: 'client_id',
        metadata_key: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'clientId' }] },
        source: 'DYNAMIC',
      },
    });
  });
});
