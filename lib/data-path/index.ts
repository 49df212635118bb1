// The data path (docs/architecture.md, "The data path"): the token check, its Envoy ext_authz HTTP
// form, and the demo gateway the portal's try-it console calls.

export { createDataPathCheck, DataPathConfigError } from './create-check';
export { checkConfigFromDiscovery, type CheckConfigOptions } from './check-config-from-discovery';
export {
  createAuthzHandler,
  createAuthzServer,
  CLIENT_ID_HEADER,
  PRODUCT_HEADER,
  SCOPES_HEADER,
  type AuthzServerOptions,
} from './authz-server';
export { completeCheckConfig, parseAuthzEnv, resolveJwksUri, type AuthzSettings } from './authz-config';
export {
  createDemoGatewayHandler,
  DEMO_ROUTE_MAP,
  startDemoGateway,
  type DemoGatewayOptions,
  type RunningDemoGateway,
} from './demo-gateway';
export { ASYMMETRIC_ALGORITHMS, JwksUnavailableError } from './jwks-cache';
export type { AllowedRequest, CheckResult, DataPathCheck, DataPathCheckConfig, DeniedRequest, ProductConfig } from './types';
