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
