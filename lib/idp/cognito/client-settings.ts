import type { UpdateUserPoolClientRequest, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientSettings, IdpClient } from '../types';

// UpdateUserPoolClient is not a patch: "If you don't provide a value for an
// attribute, Amazon Cognito sets it to its default value." Changing a client's
// scopes therefore means re-sending every other setting the client has, as
// DescribeUserPoolClient reports it, or an operator's token lifetimes, auth
// flows, analytics and attribute permissions are silently reset.

type WritableField = Exclude<keyof UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'>;

/** Every writable field of UpdateUserPoolClientRequest; each also appears in UserPoolClientType. */
const CARRIED_FIELDS = [
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const satisfies readonly (WritableField & keyof UserPoolClientType)[];

// If an SDK upgrade adds a writable field, this stops compiling until the
// field is added above: a field we do not re-send is a field we reset.
type NotCarried = Exclude<WritableField, (typeof CARRIED_FIELDS)[number]>;
const everyFieldCarried: [NotCarried] extends [never] ? true : NotCarried = true;
void everyFieldCarried;

/**
 * The client's current settings as an update request. Empty lists are left
 * out: the service rejects `[]` for list fields such as CallbackURLs, and an
 * absent list means the same thing.
 */
export function currentSettings(client: UserPoolClientType): Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'> {
  const settings: Record<string, unknown> = {};
  for (const field of CARRIED_FIELDS) {
    const value = client[field];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    settings[field] = value;
  }
  return settings as Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'>;
}

/**
 * The OAuth settings of a Lanyard client allowed exactly `scopes`.
 *
 * Cognito refuses a client that may use OAuth flows without any scope
 * ("AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client
 * is allowed to use OAuth flows", InvalidParameterException). So a client
 * subscribed to nothing has OAuth switched off (no flows, no scopes, the flag
 * false): the token endpoint refuses it, which is what "no products" means.
 * With one scope or more it gets the client_credentials flow and those scopes.
 */
export function oauthSettingsFor(
  scopes: string[],
): Pick<UpdateUserPoolClientRequest, 'AllowedOAuthFlows' | 'AllowedOAuthScopes' | 'AllowedOAuthFlowsUserPoolClient'> {
  if (scopes.length === 0) {
    return { AllowedOAuthFlows: undefined, AllowedOAuthScopes: undefined, AllowedOAuthFlowsUserPoolClient: false };
  }
  return { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: [...scopes], AllowedOAuthFlowsUserPoolClient: true };
}

/** Scopes Cognito defines itself; the rest are resource-server (product) scopes. */
export const STANDARD_SCOPES = new Set(['openid', 'profile', 'email', 'phone', 'aws.cognito.signin.user.admin']);
/** What a user-facing client asks for besides its products. */
export const USER_SCOPES = ['openid', 'profile'];

/** The product scopes the client may request, as the IdP reports them (none while OAuth is off). */
export function clientScopes(client: UserPoolClientType): string[] {
  if (!client.AllowedOAuthFlowsUserPoolClient) return [];
  return [...(client.AllowedOAuthScopes ?? [])].filter((s) => !STANDARD_SCOPES.has(s)).sort();
}

/** A user-facing client is one with callback URLs: service clients never get any. */
export const isUserFacingClient = (client: UserPoolClientType) => (client.CallbackURLs ?? []).length > 0;

type OAuthFields = Pick<
  UpdateUserPoolClientRequest,
  | 'AllowedOAuthFlows'
  | 'AllowedOAuthScopes'
  | 'AllowedOAuthFlowsUserPoolClient'
  | 'CallbackURLs'
  | 'LogoutURLs'
  | 'SupportedIdentityProviders'
>;

/**
 * The OAuth settings of a web, spa or native client: the code flow only (a
 * Cognito client cannot combine it with client_credentials, so each type maps
 * to exactly one flow), its callback and logout URLs, sign-in through the
 * pool's own users, and `openid profile` plus the subscribed products' scopes.
 * With OIDC scopes always present, OAuth stays on even with no product.
 */
export function userOAuthSettingsFor(
  productScopes: string[],
  urls: Pick<ClientSettings, 'redirectUris' | 'postLogoutRedirectUris'>,
): OAuthFields {
  return {
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: [...USER_SCOPES, ...productScopes],
    AllowedOAuthFlowsUserPoolClient: true,
    CallbackURLs: [...urls.redirectUris],
    LogoutURLs: urls.postLogoutRedirectUris.length ? [...urls.postLogoutRedirectUris] : undefined,
    SupportedIdentityProviders: ['COGNITO'],
  };
}

/** What the client is, as far as Cognito can tell: it has no type, so spa and native (both public) look alike. */
export function settingsOfClient(
  client: UserPoolClientType,
): Pick<IdpClient, 'type' | 'redirectUris' | 'postLogoutRedirectUris' | 'authMethod'> {
  const userFacing = isUserFacingClient(client);
  const secret = !!client.ClientSecret;
  return {
    type: !userFacing ? 'service' : secret ? 'web' : undefined,
    redirectUris: [...(client.CallbackURLs ?? [])],
    postLogoutRedirectUris: [...(client.LogoutURLs ?? [])],
    authMethod: secret ? 'client_secret_basic' : 'none',
  };
}
