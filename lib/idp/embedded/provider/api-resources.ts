import { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../../db';
import type { LanyardClientFields } from './client-metadata';

// Which API scopes a token may carry, through oidc-provider's Resource
// Indicators feature (RFC 8707): client_credentials tokens, and the tokens
// people get through the code flow of web, spa and native applications.
//
// - Without a `resource` parameter the token is for every API the portal
//   publishes: audience `<portal>/apis`, scopes = what the client was granted.
// - With `resource=<portal>/apis/<apiProductId>` the token is minimally scoped
//   to that one product, and its `aud` names the product (audience-restricted tokens, docs/architecture.md "The data path").
//
// A requested scope the client was not granted is refused with `invalid_scope`
// (RFC 6749 §4.1.2.1, §5.2), at the token endpoint and at the authorization
// endpoint alike; oidc-provider would otherwise drop it silently.

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export function apiAudience(portalUrl: string): string {
  return `${portalUrl.replace(/\/$/, '')}/apis`;
}

export function productResource(portalUrl: string, apiProductId: string): string {
  return `${apiAudience(portalUrl)}/${encodeURIComponent(apiProductId)}`;
}

export function productIdFrom(resource: string, portalUrl: string): string | undefined {
  const prefix = `${apiAudience(portalUrl)}/`;
  if (!resource.startsWith(prefix)) return undefined;
  const rest = resource.slice(prefix.length);
  if (!rest || rest.includes('/')) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return undefined;
  }
}

type ResourceIndicators = NonNullable<NonNullable<Configuration['features']>['resourceIndicators']>;

/** The OIDC scopes the provider knows; everything else a client asks for is an API product's scope. */
export const OIDC_SCOPES = ['openid', 'offline_access', 'email', 'profile', 'groups'] as const;
const OIDC = new Set<string>(OIDC_SCOPES);

const AUTHORIZATION_ROUTES = new Set(['authorization', 'resume', 'pushed_authorization_request']);

function requestedScopes(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}

export function resourceIndicators(portalUrl: string, db: () => Db): ResourceIndicators {
  const audience = apiAudience(portalUrl);

  async function scopesAvailable(resource: string, granted: Set<string>): Promise<string[]> {
    if (resource === audience) return [...granted];
    const productId = productIdFrom(resource, portalUrl);
    if (productId === undefined) throw new errors.InvalidTarget('unknown resource indicator');
    const product = await db().idpApiScope.findUnique({ where: { productId } });
    if (!product || !granted.has(product.scope)) {
      throw new errors.InvalidTarget('the client is not allowed to call this API product');
    }
    return [product.scope];
  }

  const isManaged = (client: unknown) => Array.isArray((client as LanyardClientFields).lanyard_api_scopes);

  return {
    enabled: true,
    // client_credentials: a token for every API the client may call. A code
    // flow that asks for a product scope gets the same API audience, so one
    // sign-in yields one token for several products; without that
    // default oidc-provider would drop the product scopes without a word.
    defaultResource(ctx: KoaContextWithOIDC, client, oneOf) {
      if (oneOf) return oneOf;
      if (ctx.oidc.params?.grant_type === 'client_credentials') return audience;
      if (AUTHORIZATION_ROUTES.has(ctx.oidc.route) && isManaged(client)) {
        if (requestedScopes(ctx.oidc.params?.scope).some((s) => !OIDC.has(s))) return audience;
      }
      return undefined;
    },
    useGrantedResource: async () => true,
    async getResourceServerInfo(ctx, resource, client) {
      const fields = client as unknown as LanyardClientFields;
      if (!fields.lanyard_api_scopes) {
        throw new errors.InvalidTarget('this client cannot request API tokens');
      }
      const granted = new Set(fields.lanyard_api_scopes);
      const available = await scopesAvailable(resource, granted);
      const params = ctx.oidc.params as { scope?: string; grant_type?: string };
      if (AUTHORIZATION_ROUTES.has(ctx.oidc.route)) {
        // A person is asked to consent: refuse, rather than drop, a product
        // the application is not subscribed to.
        for (const scope of requestedScopes(params.scope)) {
          if (!OIDC.has(scope) && !granted.has(scope)) {
            throw new errors.InvalidScope('requested scope is not allowed: the application is not subscribed to it', scope);
          }
        }
      } else if (params.grant_type === 'client_credentials') {
        if (params.scope) {
          for (const scope of params.scope.split(' ')) {
            if (!available.includes(scope)) {
              throw new errors.InvalidScope('requested scope is not allowed', scope);
            }
          }
        } else if (available.length) {
          // No scope asked for: grant every scope the client holds, as Cognito does.
          params.scope = available.join(' ');
        } else {
          throw new errors.InvalidScope('the client is not subscribed to any API product', '');
        }
      }
      // Code, refresh and exchange grants: the grant decided the scopes; the
      // client's current subscriptions bound them, so a product unsubscribed
      // since the sign-in drops out of the next refreshed token.
      return {
        scope: available.join(' '),
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
        jwt: { sign: { alg: 'RS256' } },
      };
    },
  };
}
