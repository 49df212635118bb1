// The IdP Connect SPI: the only way the portal changes anything in an IdP.
// One implementation per IdP (embedded/, okta/, cognito/), chosen by
// configuration (lib/idp/index.ts). Operation names follow Gloo Platform
// Portal's IdP Connect contract (docs/architecture.md, "The IdP Connect SPI").

export type IdpKind = 'embedded' | 'okta' | 'cognito';

/** What the portal knows of an application's client, as the IdP reports it. */
export interface IdpClient {
  clientId: string;
  clientName: string;
  /** The API scopes the client may request, as the IdP reports them (see product-scope.ts). */
  scopes: string[];
}

export interface CreatedClient {
  clientId: string;
  /** Shown to the user once; never stored by the portal. */
  clientSecret: string;
  clientName: string;
  /** The IdP's id for this secret, where it has one (needed to retire it). */
  secretId?: string;
}

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

export interface IdpAdapter {
  readonly kind: IdpKind;
  discovery(): Promise<IdpDiscovery>;
  /** The scope an API product gets in this IdP, e.g. `tracks` or `https://api.example.com/tracks`. */
  scopeFor(apiProductId: string): string;

  /** Creates a confidential client allowed the client_credentials grant. Conflict if one exists for `appId`. */
  createClient(input: { appId: string }): Promise<CreatedClient>;
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
