import { z } from 'zod';
import { DataPathConfigError } from './create-check';
import { DATA_PATH_API, type MeteringSettings } from './metering-settings';
import type { RouteMap } from './route-table';
import type { DataPathCheckConfig } from './types';

// The standalone check's settings (scripts/authz.ts, scripts/gateway.ts), read
// from LANYARD_AUTHZ_* variables and validated once: a bad value stops the
// process with a message naming the variable. Without LANYARD_AUTHZ_JWKS_URI
// the JWKS address comes from the issuer's discovery document.

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const productId = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/, 'must be an API product id (an OAuth scope-token)');
const pathPrefix = z.string().regex(/^\/[^?#\s]*$/, 'must be a path starting with /');
const port = z.coerce.number().int().min(0).max(65535);
/** A port, or `off` for a listener not wanted. */
const portOrOff = z.union([z.literal('off'), port]);
const seconds = z.coerce.number().min(0.05).max(3600);

const schema = z
  .object({
    LANYARD_AUTHZ_PORT: port.default(9191),
    LANYARD_AUTHZ_HOST: z.string().min(1).default('127.0.0.1'),
    LANYARD_AUTHZ_ISSUER: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required: the issuer (iss) of the access tokens' : undefined) })
      .url(),
    LANYARD_AUTHZ_JWKS_URI: optional(z.string().url()),
    LANYARD_AUTHZ_AUDIENCE: optional(z.string().min(1)),
    LANYARD_AUTHZ_PRODUCT_AUDIENCE_PREFIX: optional(z.string().url()),
    LANYARD_AUTHZ_SCOPE_CLAIM: z.enum(['scope', 'scp', 'auto']).default('auto'),
    LANYARD_AUTHZ_SCOPE_STYLE: z.enum(['plain', 'resource-server']).default('plain'),
    LANYARD_AUTHZ_RESOURCE_SERVER: optional(z.string().min(1).regex(/^\S+$/, 'may not contain spaces')),
    LANYARD_AUTHZ_ROUTES: optional(json(z.record(pathPrefix, productId))),
    LANYARD_AUTHZ_PRODUCTS: optional(json(z.record(productId, z.string().min(1)))),
    LANYARD_AUTHZ_PATH_PREFIX: optional(pathPrefix),
    LANYARD_AUTHZ_PRODUCT_HEADER: z.string().min(1).default('x-api-product-id'),
    LANYARD_AUTHZ_CACHE_SIZE: z.coerce.number().int().min(0).default(10_000),
    LANYARD_AUTHZ_GRPC_PORT: portOrOff.default(9192),
    LANYARD_AUTHZ_METRICS_PORT: portOrOff.default(9193),
    // Plans and usage (metering-settings.ts).
    LANYARD_AUTHZ_METERING: z.enum(['on', 'off']).default('on'),
    LANYARD_AUTHZ_PORTAL_URL: optional(z.string().url()),
    LANYARD_AUTHZ_PORTAL_TOKEN: optional(z.string().min(32, 'must be at least 32 characters (the portal’s LANYARD_DATA_PATH_TOKEN)')),
    LANYARD_AUTHZ_LIMITS_FILE: optional(z.string().min(1)),
    LANYARD_AUTHZ_LIMITS_REFRESH_SECONDS: seconds.default(10),
    LANYARD_AUTHZ_USAGE_FLUSH_SECONDS: seconds.default(10),
    LANYARD_REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
    LANYARD_REDIS_PREFIX: z.string().min(1).max(64).default('lanyard:'),
  })
  .superRefine((env, ctx) => {
    if (env.LANYARD_AUTHZ_PORTAL_URL && !env.LANYARD_AUTHZ_PORTAL_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['LANYARD_AUTHZ_PORTAL_TOKEN'],
        message: 'is required with LANYARD_AUTHZ_PORTAL_URL (the portal’s LANYARD_DATA_PATH_TOKEN)',
      });
    }
    if (env.LANYARD_AUTHZ_SCOPE_STYLE === 'resource-server' && !env.LANYARD_AUTHZ_RESOURCE_SERVER) {
      ctx.addIssue({
        code: 'custom',
        path: ['LANYARD_AUTHZ_RESOURCE_SERVER'],
        message: 'is required when LANYARD_AUTHZ_SCOPE_STYLE=resource-server',
      });
    }
  });

function issueLines(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const [name, ...rest] = issue.path.map(String);
      // A bad key inside a JSON map: say which key and why.
      const detail =
        issue.code === 'invalid_key' ? `key ${JSON.stringify(rest.join('.'))} ${issue.issues[0]?.message ?? 'is invalid'}` : issue.message;
      const where = issue.code === 'invalid_key' ? name : [name, ...rest].join('.');
      return `  ${where || '(settings)'}: ${detail}`;
    })
    .join('\n');
}

export interface AuthzSettings {
  port: number;
  host: string;
  /** Without `jwksUri` when it is to be discovered (resolveJwksUri). */
  check: Omit<DataPathCheckConfig, 'jwksUri'> & { jwksUri?: string };
  routes: RouteMap;
  pathPrefix?: string;
  /** Read only without routes; `false` when LANYARD_AUTHZ_PRODUCT_HEADER=none. */
  productHeader: string | false;
  /** The gRPC ext_authz listener's port, or undefined when off. */
  grpcPort?: number;
  /** The /metrics listener's port, or undefined when off. */
  metricsPort?: number;
  /** Plans and usage; undefined when LANYARD_AUTHZ_METERING=off. */
  metering?: MeteringSettings;
}

export function parseAuthzEnv(source: Record<string, string | undefined>): AuthzSettings {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new DataPathConfigError(`The data-path check's configuration is invalid:\n${issueLines(result.error.issues)}`);
  }
  const env = result.data;
  return {
    port: env.LANYARD_AUTHZ_PORT,
    host: env.LANYARD_AUTHZ_HOST,
    check: {
      issuer: env.LANYARD_AUTHZ_ISSUER,
      jwksUri: env.LANYARD_AUTHZ_JWKS_URI,
      audience: env.LANYARD_AUTHZ_AUDIENCE?.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      productAudiencePrefix: env.LANYARD_AUTHZ_PRODUCT_AUDIENCE_PREFIX,
      scopeClaim: env.LANYARD_AUTHZ_SCOPE_CLAIM,
      scopeStyle:
        env.LANYARD_AUTHZ_SCOPE_STYLE === 'resource-server'
          ? { kind: 'resource-server', identifier: env.LANYARD_AUTHZ_RESOURCE_SERVER! }
          : { kind: 'plain' },
      products: env.LANYARD_AUTHZ_PRODUCTS,
      cacheSize: env.LANYARD_AUTHZ_CACHE_SIZE,
    },
    routes: env.LANYARD_AUTHZ_ROUTES ?? {},
    pathPrefix: env.LANYARD_AUTHZ_PATH_PREFIX,
    productHeader: env.LANYARD_AUTHZ_PRODUCT_HEADER === 'none' ? false : env.LANYARD_AUTHZ_PRODUCT_HEADER,
    grpcPort: env.LANYARD_AUTHZ_GRPC_PORT === 'off' ? undefined : env.LANYARD_AUTHZ_GRPC_PORT,
    metricsPort: env.LANYARD_AUTHZ_METRICS_PORT === 'off' ? undefined : env.LANYARD_AUTHZ_METRICS_PORT,
    metering: env.LANYARD_AUTHZ_METERING === 'off' ? undefined : meteringSettings(env),
  };
}

function meteringSettings(env: z.infer<typeof schema>): MeteringSettings {
  const portal = env.LANYARD_AUTHZ_PORTAL_URL?.replace(/\/+$/, '');
  const token = env.LANYARD_AUTHZ_PORTAL_TOKEN ?? '';
  return {
    limits: env.LANYARD_AUTHZ_LIMITS_FILE
      ? { kind: 'file', path: env.LANYARD_AUTHZ_LIMITS_FILE }
      : portal
        ? { kind: 'portal', url: `${portal}${DATA_PATH_API}/limits`, token }
        : undefined,
    usage: portal ? { url: `${portal}${DATA_PATH_API}/usage`, token } : undefined,
    redis: env.LANYARD_REDIS_URL ? { url: env.LANYARD_REDIS_URL, prefix: env.LANYARD_REDIS_PREFIX } : undefined,
    refreshMs: env.LANYARD_AUTHZ_LIMITS_REFRESH_SECONDS * 1000,
    flushMs: env.LANYARD_AUTHZ_USAGE_FLUSH_SECONDS * 1000,
  };
}

/** The issuer's `jwks_uri` from OpenID Connect discovery, or RFC 8414 metadata as a fallback. */
export async function resolveJwksUri(issuer: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const base = issuer.replace(/\/+$/, '');
  const { origin, pathname } = new URL(base);
  const candidates = [
    `${base}/.well-known/openid-configuration`,
    `${origin}/.well-known/oauth-authorization-server${pathname === '/' ? '' : pathname}`,
  ];
  for (const url of candidates) {
    try {
      const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
      if (!res.ok) continue;
      const metadata = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (metadata.issuer === issuer && typeof metadata.jwks_uri === 'string') return metadata.jwks_uri;
    } catch {
      // try the next location
    }
  }
  throw new DataPathConfigError(`Could not discover the JWKS of ${issuer}: set LANYARD_AUTHZ_JWKS_URI`);
}

/** The check's configuration with its JWKS address filled in. */
export async function completeCheckConfig(check: AuthzSettings['check'], fetchImpl?: typeof fetch): Promise<DataPathCheckConfig> {
  const jwksUri = check.jwksUri ?? (await resolveJwksUri(check.issuer, fetchImpl));
  return { ...check, jwksUri };
}

/**
 * LANYARD_AUTHZ_* values for the portal's own embedded IdP at `portalUrl`
 * (issuer `<portal>/oidc`, JWKS `<issuer>/jwks`, audience `<portal>/apis`,
 * one-product tokens `<portal>/apis/<id>`), as lib/idp/embedded publishes them.
 */
export function embeddedIdpDefaults(portalUrl: string): Record<string, string> {
  const portal = portalUrl.replace(/\/+$/, '');
  return {
    LANYARD_AUTHZ_ISSUER: `${portal}/oidc`,
    LANYARD_AUTHZ_JWKS_URI: `${portal}/oidc/jwks`,
    LANYARD_AUTHZ_AUDIENCE: `${portal}/apis`,
    LANYARD_AUTHZ_PRODUCT_AUDIENCE_PREFIX: `${portal}/apis/`,
    LANYARD_AUTHZ_SCOPE_CLAIM: 'scope',
  };
}

const gatewaySchema = z.object({
  LANYARD_GATEWAY_PORT: port.default(8080),
  LANYARD_GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  LANYARD_GATEWAY_AUTHZ_URL: optional(z.string().url()),
  LANYARD_GATEWAY_BASE_PATH: optional(pathPrefix),
  LANYARD_GATEWAY_ALLOWED_ORIGINS: optional(z.string().min(1)),
  LANYARD_URL: z.string().url().default('http://localhost:3000'),
});

export interface GatewaySettings {
  port: number;
  host: string;
  /** The check over HTTP; otherwise `check` runs in process. */
  authzUrl?: string;
  check?: AuthzSettings['check'];
  /** With the check in process: plans and usage, as for the authz process. */
  metering?: MeteringSettings;
  basePath?: string;
  allowedOrigins: string[];
}

/**
 * The demo gateway's settings (scripts/gateway.ts). Without
 * LANYARD_GATEWAY_AUTHZ_URL it checks in process with the LANYARD_AUTHZ_*
 * settings, defaulting to the embedded IdP of LANYARD_URL.
 */
export function parseGatewayEnv(source: Record<string, string | undefined>): GatewaySettings {
  const result = gatewaySchema.safeParse(source);
  if (!result.success) {
    throw new DataPathConfigError(`The demo gateway's configuration is invalid:\n${issueLines(result.error.issues)}`);
  }
  const env = result.data;
  const allowedOrigins = (env.LANYARD_GATEWAY_ALLOWED_ORIGINS ?? new URL(env.LANYARD_URL).origin)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const settings: GatewaySettings = {
    port: env.LANYARD_GATEWAY_PORT,
    host: env.LANYARD_GATEWAY_HOST,
    authzUrl: env.LANYARD_GATEWAY_AUTHZ_URL,
    basePath: env.LANYARD_GATEWAY_BASE_PATH,
    allowedOrigins,
  };
  if (!settings.authzUrl) {
    const withDefaults = source.LANYARD_AUTHZ_ISSUER ? source : { ...embeddedIdpDefaults(env.LANYARD_URL), ...source };
    const authz = parseAuthzEnv(withDefaults);
    settings.check = authz.check;
    settings.metering = authz.metering;
  }
  return settings;
}
