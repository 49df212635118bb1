import { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../../db';
import type { LanyardClientFields } from './client-metadata';

// Which API scopes a client_credentials token may carry, through oidc-provider's
// Resource Indicators feature (RFC 8707).
//
// - Without a `resource` parameter the token is for every API the portal
//   publishes: audience `<portal>/apis`, scopes = what the client was granted.
// - With `resource=<portal>/apis/<apiProductId>` the token is minimally scoped
//   to that one product, and its `aud` names the product (audience-restricted tokens, docs/architecture.md "The data path").
//
// A requested scope the client was not granted is refused with `invalid_scope`
// (RFC 6749 §5.2); oidc-provider would otherwise drop it silently.

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export function apiAudience(portalUrl: string): string {
  return `${portalUrl.replace(/\/$/, '')}/apis`;
}

export function productResource(portalUrl: string, apiProductId: string): string {
  return `${apiAudience(portalUrl)}/${encodeURIComponent(apiProductId)}`;
}

function productIdFrom(resource: string, portalUrl: string): string | undefined {
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

  return {
    enabled: true,
    defaultResource(ctx: KoaContextWithOIDC) {
      return ctx.oidc.params?.grant_type === 'client_credentials' ? audience : undefined;
    },
    useGrantedResource: async () => true,
    async getResourceServerInfo(ctx, resource, client) {
      const fields = client as unknown as LanyardClientFields;
      if (!fields.lanyard_api_scopes) {
        throw new errors.InvalidTarget('this client cannot request API tokens');
      }
      const available = await scopesAvailable(resource, new Set(fields.lanyard_api_scopes));
      const params = ctx.oidc.params as { scope?: string };
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
