import { z } from 'zod';
import { optionalText } from '../pagination';

/** ?namespace, ?server, ?serverNamespace, ?labelKey, ?labelValue of the gateway-policy download. */
export const policyOptionsQuery = z.object({
  namespace: optionalText(63),
  server: optionalText(253),
  serverNamespace: optionalText(63),
  labelKey: optionalText(317),
  labelValue: optionalText(63),
});
export type PolicyOptions = z.infer<typeof policyOptionsQuery>;

/** The rate-limit download: ?format=gloo|envoy, the policy options, and the rate-limit service. */
export const rateLimitOptionsQuery = policyOptionsQuery.extend({
  format: z.enum(['gloo', 'envoy'], { error: 'Choose gloo or envoy' }).default('gloo'),
  rateLimiter: optionalText(253),
  rateLimiterNamespace: optionalText(63),
});
export type RateLimitOptions = z.infer<typeof rateLimitOptionsQuery>;
