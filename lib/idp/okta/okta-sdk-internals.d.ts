// The SDK ships typings for its config loader (src/types/config-loader.d.ts)
// but not beside the module itself; sdk-client.ts imports the module to keep
// the loader away from okta.yaml and OKTA_CLIENT_* variables.
declare module '@okta/okta-sdk-nodejs/src/config-loader.js' {
  export { ConfigLoader } from '@okta/okta-sdk-nodejs/src/types/config-loader';
}
