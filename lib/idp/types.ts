// The IdP Connect SPI: the only way the portal changes anything in an IdP.
// One implementation per IdP (embedded/, okta/, cognito/), chosen by
// configuration (lib/idp/index.ts). Operation names follow Gloo Platform
// Portal's IdP Connect contract (docs/architecture.md, "The IdP Connect SPI").

export type IdpKind = 'embedded' | 'okta' | 'cognito';

/**
 * What kind of OAuth client an application is, chosen when it is created
 * (docs/architecture.md, "Application types"):
 * - `service`: a confidential machine client, client_credentials only, with a
 *   secret or private_key_jwt (RFC 7523);
 * - `web`: a confidential client with a server, Authorization Code + PKCE and refresh;
 * - `spa`: a public browser client, Authorization Code + PKCE, refresh tokens rotated on use;
 * - `native`: a public installed app, Authorization Code + PKCE, loopback or claimed-https redirects.
 */
export type AppType = 'service' | 'web' | 'spa' | 'native';
export const APP_TYPES = ['service', 'web', 'spa', 'native'] as const satisfies readonly AppType[];

/** Public clients (RFC 6749 §2.1) hold no secret: they cannot keep one, so PKCE is their only proof. */
export const isPublicClient = (type: AppType) => type === 'spa' || type === 'native';
/** Types whose tokens are issued to a signed-in person through the code flow. */
export const isUserFacing = (type: AppType) => type !== 'service';

/** A JWK Set of public keys only (RFC 7517 §5). */
export interface PublicJwks {
  keys: Record<string, unknown>[];
}

/** How a service client proves itself when it uses private_key_jwt: its keys, by value or by URL. */
export type ClientSigningKeys = { jwks: PublicJwks } | { jwksUri: string };

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'private_key_jwt' | 'none';

/** An application's OAuth settings, as the portal asks the IdP to hold them. */
export interface ClientSettings {
  type: AppType;
  /** Exact-match redirect URIs (none for `service`). */
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  /** `service` only: authenticate with private_key_jwt against these keys, and hold no secret. */
  signingKeys?: ClientSigningKeys;
  /** The application's name, where the IdP shows one on its consent page (the client's own name stays `lanyard-<appId>`). */
  displayName?: string;
}

export const SERVICE_CLIENT: ClientSettings = { type: 'service', redirectUris: [], postLogoutRedirectUris: [] };

export function tokenEndpointAuthMethod(settings: Pick<ClientSettings, 'type' | 'signingKeys'>): TokenEndpointAuthMethod {
  if (isPublicClient(settings.type)) return 'none';
  return settings.type === 'service' && settings.signingKeys ? 'private_key_jwt' : 'client_secret_basic';
}

/**
 * One relationship a client may exchange tokens along (RFC 8693):
 * a token admitted to `fromApiProductId` (the API this client implements) may
 * become a token for each of `toApiProductIds`, the products it calls.
 */
export interface TokenExchangeRule {
  fromApiProductId: string;
  toApiProductIds: string[];
}

/** What the portal knows of an application's client, as the IdP reports it. */
export interface IdpClient {
  clientId: string;
  clientName: string;
  /** The API scopes the client may request, as the IdP reports them (see product-scope.ts). */
  scopes: string[];
  /** Its type and redirect URIs as the IdP reports them (adapters that cannot tell leave them out). */
  type?: AppType;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  authMethod?: TokenEndpointAuthMethod;
}

export interface CreatedClient {
  clientId: string;
  /** Shown to the user once; never stored by the portal. */
  clientSecret: string;
  clientName: string;
  /** The IdP's id for this secret, where it has one (needed to retire it). */
  secretId?: string;
}

/** A client of any type: public and private_key_jwt clients have no secret. */
export type CreatedAppClient = Omit<CreatedClient, 'clientSecret'> & { clientSecret?: string };

export interface IdpApiProduct {
  id: string;
  /** The scope string as it appears in access tokens. */
  scope: string;
  description?: string;
}

export interface ClientSecretInfo {
  secretId: string;
  createdAt: Date;
}

export interface RotatedSecret {
  clientSecret: string;
  secretId: string;
}

export interface IdpDiscovery {
  kind: IdpKind;
  issuer: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Where API scopes sit in an access token: a space-separated `scope` string or an `scp` array. */
  scopeClaim: 'scope' | 'scp';
  /** The `aud` client-credentials tokens carry, when the IdP sets one. */
  audience?: string;
  /**
   * RFC 7662 / RFC 7009 endpoints, only where they work for the access tokens
   * API clients get (not where they exist for other token types).
   */
  introspectionEndpoint?: string;
  revocationEndpoint?: string;
  /** `dual`: a new secret can be added while the old one still works. */
  secretRotation: 'dual' | 'none';
  /** Whether a token can be asked for one product only (RFC 8707 `resource`). */
  resourceIndicators: boolean;
}

/**
 * What an IdP offers beyond client credentials, and why not where it does not.
 * Every `limits` entry is the reason a feature is missing, in words the portal
 * shows before the user chooses it; an absent entry means it works.
 */
export interface IdpFeatures {
  authorizationEndpoint: string;
  /** RP-initiated logout, where the IdP has it. */
  endSessionEndpoint?: string;
  /** Where refresh tokens can be introspected and revoked (RFC 7662 / RFC 7009). */
  refreshTokenIntrospectionEndpoint?: string;
  refreshTokenRevocationEndpoint?: string;
  /** Scopes a user-facing client asks for besides the products (`openid`, `profile`, ...), as this IdP spells them. */
  userScopes: readonly string[];
  limits: Partial<Record<IdpFeature, string>>;
}

export type IdpFeature =
  | 'privateKeyJwt'
  | 'tokenExchange'
  | 'resourceIndicators'
  | 'accessTokenIntrospection'
  | 'accessTokenRevocation'
  | 'refreshTokenIntrospection'
  | 'refreshTokenRevocation'
  | 'refreshTokenRotation'
  | 'pkceEnforcement';

export interface IdpAdapter {
  readonly kind: IdpKind;
  discovery(): Promise<IdpDiscovery>;
  /** Static: what this IdP can do for user-facing clients, private_key_jwt and token exchange. */
  features(): IdpFeatures;
  /** The scope an API product gets in this IdP, e.g. `tracks` or `https://api.example.com/tracks`. */
  scopeFor(apiProductId: string): string;

  /** Creates a confidential client allowed the client_credentials grant. Conflict if one exists for `appId`. */
  createClient(input: { appId: string }): Promise<CreatedClient>;
  /**
   * Creates the application's client with its type's settings (createClient
   * is this with SERVICE_CLIENT). Conflict if one exists for `appId`;
   * invalid_input for settings this IdP cannot hold (see features().limits).
   */
  createAppClient(input: { appId: string; settings: ClientSettings }): Promise<CreatedAppClient>;
  /**
   * Replaces the client's redirect URIs and signing keys. The type cannot
   * change (invalid_input): an IdP's client types differ in what they are.
   */
  updateClientSettings(clientId: string, settings: ClientSettings): Promise<void>;
  deleteClient(clientId: string): Promise<void>;
  getClient(clientId: string): Promise<IdpClient>;
  /** Clients this adapter created (named `lanyard-<appId>`), for the drift report. */
  listClients(): Promise<IdpClient[]>;

  /** Makes the IdP know a scope for the product. Conflict if it exists. */
  createApiProduct(input: { id: string; description?: string }): Promise<IdpApiProduct>;
  /** Removes the product's scope from every client, then from the IdP. */
  deleteApiProduct(id: string): Promise<void>;
  listApiProducts(): Promise<IdpApiProduct[]>;
  /** The client may request exactly these products' scopes afterwards. */
  setClientApiProducts(clientId: string, apiProductIds: string[]): Promise<void>;

  /**
   * The token-exchange relationships the client may use (RFC 8693), replacing
   * any before. Present only where the IdP can enforce them at issuance.
   */
  setClientTokenExchange?(clientId: string, rules: TokenExchangeRule[]): Promise<void>;

  /** The RFC 8707 `resource` that asks for a token for one product only, where the IdP supports it. */
  resourceFor?(apiProductId: string): string;
  /**
   * The client's current secret, where the IdP's management API returns it
   * (so the token tool needs no paste). The portal never stores or sends it on.
   */
  readClientSecret?(clientId: string): Promise<string>;

  /** Present where the IdP can hold two secrets at once. */
  rotateClientSecret?(clientId: string): Promise<RotatedSecret>;
  retireClientSecret?(clientId: string, secretId: string): Promise<void>;
  listClientSecrets?(clientId: string): Promise<ClientSecretInfo[]>;
}

export const CLIENT_NAME_PREFIX = 'lanyard-';

export function clientNameFor(appId: string): string {
  return `${CLIENT_NAME_PREFIX}${appId}`;
}

export function appIdFromClientName(name: string): string | undefined {
  return name.startsWith(CLIENT_NAME_PREFIX) ? name.slice(CLIENT_NAME_PREFIX.length) : undefined;
}
