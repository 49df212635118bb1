// Gateway policy per API product: a Gloo ExtAuthPolicy + an OPA Rego module
// (generate.ts), and the module's decision in TypeScript (decide.ts).

export { generateGatewayPolicy, REGO_CONFIGMAP_KEY, type GatewayPolicyBundle } from './generate';
export { decide, tokenScopes, type Decision, type DecisionContext } from './decide';
export { policySpec, type GatewayPolicyInput, type GatewayPolicyOptions, type PolicyIdp, type PolicySpec } from './spec';
export { regoModule } from './rego';
export { toYaml, toYamlStream, type YamlValue } from './yaml';
