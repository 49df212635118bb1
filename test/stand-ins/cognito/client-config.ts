import { AwsError, checkEnum, checkList, checkString, invalidParameter, validationError } from './aws-error';

// An app client's settings: what CreateUserPoolClient and UpdateUserPoolClient
// accept, checked the way the service checks them, and the defaults a field
// takes when a request leaves it out. Update builds the client from these
// defaults plus the request (not from the old client), which is the real
// service's documented behaviour: "If you don't provide a value for an
// attribute, Amazon Cognito sets it to its default value."

export type Json = Record<string, unknown>;

export const OAUTH_FLOWS = ['client_credentials', 'code', 'implicit'] as const;
const EXPLICIT_AUTH_FLOWS = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
] as const;
const TIME_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
type TimeUnit = (typeof TIME_UNITS)[number];
const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
/** Scopes Cognito itself defines; not valid with client_credentials. */
export const STANDARD_SCOPES = ['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin'];

/** The settings fields, in UserPoolClientType order. */
export const SETTINGS_FIELDS = [
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
] as const;

/** What an API-created client reports for fields it was not given. */
export function defaultSettings(): Json {
  return {
    RefreshTokenValidity: 30,
    ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
    AllowedOAuthFlowsUserPoolClient: false,
    PreventUserExistenceErrors: 'LEGACY',
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
  };
}

function checkValidity(field: string, value: unknown, unit: TimeUnit, minSeconds: number, maxSeconds: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new AwsError('SerializationException', `${field} must be an integer`);
  const seconds = value * UNIT_SECONDS[unit];
  if (seconds < minSeconds || seconds > maxSeconds) throw invalidParameter('Invalid range for token validity.');
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function checkUrls(field: string, value: unknown): void {
  // The service refuses an empty list here (seen in the wild as
  // "Value '[]' at 'callbackURLs' failed to satisfy constraint").
  const list = checkList(field, value, { min: 1, max: 100 });
  list?.forEach((url) => {
    checkString(field, url, { max: 1024 });
    // Absolute, registered, no fragment; HTTPS except on loopback hosts
    // ("for testing purposes only"); app schemes such as myapp:// are allowed.
    const parsed = URL.parse(String(url));
    if (!parsed || String(url).includes('#')) throw invalidParameter(`${field} must be absolute URLs without a fragment: ${String(url)}`);
    if (parsed.protocol === 'http:' && !LOOPBACK.has(parsed.hostname))
      throw invalidParameter(`${field} must use HTTPS except for http://localhost: ${String(url)}`);
  });
}

/** The access token's lifetime in seconds for a client's settings. */
export function accessTokenSeconds(settings: Json): number {
  const units = (settings.TokenValidityUnits ?? {}) as { AccessToken?: TimeUnit };
  const value = settings.AccessTokenValidity;
  return typeof value === 'number' ? value * UNIT_SECONDS[units.AccessToken ?? 'hours'] : 3600;
}

export interface ScopeCatalog {
  /** Whether `<identifier>/<name>` is a scope of a resource server of the pool. */
  customScopeExists(scope: string): boolean;
}

/**
 * The settings a create or update request gives a client: defaults, then the
 * request's fields. `hasSecret` is whether the client has (or gets) a secret.
 */
export function settingsFromRequest(input: Json, catalog: ScopeCatalog, { hasSecret }: { hasSecret: boolean }): Json {
  const settings: Json = defaultSettings();
  for (const field of SETTINGS_FIELDS) {
    if (input[field] !== undefined && input[field] !== null) settings[field] = input[field];
  }

  checkString('ClientName', settings.ClientName, { pattern: /[\w\s+=,.@-]+/, max: 128, required: true });
  const units = (settings.TokenValidityUnits ?? {}) as Record<string, unknown>;
  checkEnum('TokenValidityUnits.AccessToken', units.AccessToken, TIME_UNITS);
  checkEnum('TokenValidityUnits.IdToken', units.IdToken, TIME_UNITS);
  checkEnum('TokenValidityUnits.RefreshToken', units.RefreshToken, TIME_UNITS);
  checkValidity('AccessTokenValidity', settings.AccessTokenValidity, (units.AccessToken as TimeUnit) ?? 'hours', 300, 86400);
  checkValidity('IdTokenValidity', settings.IdTokenValidity, (units.IdToken as TimeUnit) ?? 'hours', 300, 86400);
  checkValidity('RefreshTokenValidity', settings.RefreshTokenValidity, (units.RefreshToken as TimeUnit) ?? 'days', 3600, 315360000);
  checkList('ExplicitAuthFlows', settings.ExplicitAuthFlows)?.forEach((f) => checkEnum('ExplicitAuthFlows', f, EXPLICIT_AUTH_FLOWS));
  checkUrls('CallbackURLs', settings.CallbackURLs);
  checkUrls('LogoutURLs', settings.LogoutURLs);
  if (settings.DefaultRedirectURI !== undefined && !((settings.CallbackURLs ?? []) as unknown[]).includes(settings.DefaultRedirectURI)) {
    throw invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
  }
  checkEnum('PreventUserExistenceErrors', settings.PreventUserExistenceErrors, ['LEGACY', 'ENABLED']);
  const session = settings.AuthSessionValidity;
  if (typeof session !== 'number' || session < 3 || session > 15)
    throw validationError('AuthSessionValidity', session, 'Member must have value between 3 and 15');
  const rotation = settings.RefreshTokenRotation as Json | undefined;
  if (rotation) checkEnum('RefreshTokenRotation.Feature', rotation.Feature, ['ENABLED', 'DISABLED']);

  checkOAuth(settings, catalog, hasSecret);
  return settings;
}

function checkOAuth(settings: Json, catalog: ScopeCatalog, hasSecret: boolean): void {
  const flows = (checkList('AllowedOAuthFlows', settings.AllowedOAuthFlows, { max: 3 }) ?? []) as string[];
  flows.forEach((f) => checkEnum('AllowedOAuthFlows', f, OAUTH_FLOWS));
  const scopes = (checkList('AllowedOAuthScopes', settings.AllowedOAuthScopes, { max: 50 }) ?? []) as string[];
  scopes.forEach((s) => checkString('AllowedOAuthScopes', s, { pattern: /[\x21\x23-\x5B\x5D-\x7E]+/, max: 256 }));

  if (settings.AllowedOAuthFlowsUserPoolClient === true && (flows.length === 0 || scopes.length === 0)) {
    throw invalidParameter('AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.');
  }
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.includes(scope) && !catalog.customScopeExists(scope)) {
      throw new AwsError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
    }
  }
  if ((flows.includes('code') || flows.includes('implicit')) && !((settings.CallbackURLs ?? []) as unknown[]).length) {
    throw invalidParameter('CallbackURLs are required when code or implicit flow is allowed.');
  }
  if (flows.includes('client_credentials')) {
    if (flows.length > 1)
      throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected along with code flow or implicit flow.');
    if (!hasSecret)
      throw new AwsError(
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected if client does not have a client secret.',
      );
    const standard = scopes.find((s) => STANDARD_SCOPES.includes(s));
    if (standard) throw new AwsError('InvalidOAuthFlowException', `${standard} is not supported with client_credentials flow.`);
  }
}
