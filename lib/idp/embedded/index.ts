// The embedded OpenID provider (oidc-provider) and its SPI adapter: the only
// entry point into this folder (ESLint refuses imports of its internals from
// outside). docs/architecture.md, "The embedded IdP", says how a request
// travels: server.ts hands /oidc/* to routeIdpRequest (http/), which serves
// the protocol endpoints and the sign-in and consent form posts; only the GET
// of those pages is a Next page (app/oidc/interaction/[uid]/page.tsx).

export { embeddedAdapter } from './adapter';
export { routeIdpRequest, type IdpRouteOptions } from './http/route-request';
export { interactionView, type InteractionView } from './interaction-view';
export { apiAudience, productResource } from './provider/api-resources';
export { cookieNames, createEmbeddedProvider, embeddedIssuerFor, EMBEDDED_MOUNT_PATH } from './provider/create-provider';
export { hashPassword } from './provider/password';
export { PORTAL_CLIENT_ID, portalClientSecret } from './provider/portal-client';
export { LOGOUT_INTENT_COOKIE } from './provider/rendered-pages';
export { embeddedProvider } from './runtime';
export { decryptSetting, encryptSetting, kekFrom } from './provider/key-encryption';
export { loadCookieKeys, loadSigningKeys, rotateKeys, SIGNING_KEY_GRACE_MS } from './provider/keys';
export { verifyPassword } from './provider/password';
