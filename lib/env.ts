import 'server-only';
import { z } from 'zod';
import { isPostgresUrl } from './db-url';

// Every setting Lanyard reads, validated once. A bad value stops the process
// with a message that names the variable, instead of failing later mid-request.

export const DEFAULT_DATABASE_URL = 'file:./.data/lanyard.db';

const url = z.string().url();
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const idpKind = z.enum(['embedded', 'okta', 'cognito']);
const onOff = z.enum(['on', 'off']);

const schema = z.object({
  LANYARD_URL: url.default('http://localhost:3000'),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  NEXTAUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  LANYARD_IDP: idpKind.default('embedded'),
  LANYARD_SPI_ADAPTER: optional(idpKind),
  LANYARD_ADMIN_GROUP: z.string().min(1).default('lanyard-admins'),

  // The IdP Connect SPI over HTTP (Gloo's shape): served only when a bearer
  // credential for its callers is configured.
  LANYARD_SPI_TOKEN: optional(z.string().min(32, 'must be at least 32 characters')),
  // How SPI callers authenticate: `bearer` (Authorization: Bearer), `gloo-token`
  // (Gloo's portal server's `token` header), or `internal-port`: no
  // authentication, served only on LANYARD_SPI_INTERNAL_PORT, which must not be
  // reachable from outside the cluster (docs/deployment.md, "Gloo Portal").
  LANYARD_SPI_AUTH: z.enum(['bearer', 'gloo-token', 'internal-port']).default('bearer'),
  LANYARD_SPI_INTERNAL_PORT: z.coerce.number().int().min(1).max(65535).default(9090),
  LANYARD_SPI_INTERNAL_HOST: z.string().min(1).default('127.0.0.1'),
  LANYARD_SPI_BASE_PATH: z
    .string()
    .regex(/^\/[\w\-/]*$/, 'must be a path such as /api/spi/v1')
    .default('/api/spi/v1'),
  // Demo mode: the demo people (embedded IdP), the demo products and the demo
  // gateway. Default: on with the embedded IdP, off with Okta or Cognito
  // (where demo products would become real scopes). demoMode() resolves it.
  LANYARD_DEMO: optional(onOff),
  // The demo gateway and upstreams behind /gateway, for try-it. Default: LANYARD_DEMO.
  LANYARD_DEMO_GATEWAY: optional(onOff),

  // A load balancer or ingress we run sits in front: take the client's address
  // from X-Forwarded-For. Off by default: anyone can send that header.
  LANYARD_TRUST_PROXY: onOff.default('off'),
  // The pages kept in each process's memory, in megabytes: the catalog's,
  // rendered once per catalog change, and the shells (my apps, the admin
  // console), once per role; 0 turns it off (docs/adr/0015-catalog-page-cache.md).
  LANYARD_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  // Rate limits (per minute): token requests per client at the embedded IdP,
  // and SPI calls per caller address.
  LANYARD_RATE_LIMIT_TOKEN: z.coerce.number().int().min(1).max(1_000_000).default(600),
  LANYARD_RATE_LIMIT_SPI: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // Email notifications: an SMTP URL (smtp://user:pass@host:587, smtps://… for
  // TLS from the start) and the sender. Unset: notifications stay in the portal.
  LANYARD_SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
  LANYARD_MAIL_FROM: z.string().min(3).default('Lanyard <no-reply@localhost>'),
  // Team webhooks to private, loopback and link-local addresses: `deny` keeps
  // the portal from reaching inside its own network on a team's behalf.
  // Default: allow in demo mode (a receiver on this machine), deny otherwise.
  LANYARD_WEBHOOKS_PRIVATE_ADDRESSES: optional(z.enum(['allow', 'deny'])),
  // How often one replica compares the portal with the IdP and tells admins
  // about new drift (minutes; 0: never).
  LANYARD_DRIFT_CHECK_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  // Encrypts the embedded IdP's signing and cookie keys at rest: 32 random
  // bytes, base64 (openssl rand -base64 32). Unset: keys are stored as they are.
  LANYARD_KEY_ENCRYPTION_KEY: optional(
    z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
  ),

  // Plans and usage (docs/adr/0006-plan-limits-in-the-data-path.md). The
  // data path's API (GET /api/data-path/v1/limits, POST …/usage) is served
  // only with a bearer credential for standalone authz processes to use.
  LANYARD_DATA_PATH_TOKEN: optional(z.string().min(32, 'must be at least 32 characters')),
  // GET /metrics (Prometheus) is served only with a bearer credential to scrape it with.
  LANYARD_METRICS_TOKEN: optional(z.string().min(32, 'must be at least 32 characters')),
  // Counters shared by every gateway replica; in process without it.
  LANYARD_REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
  LANYARD_REDIS_PREFIX: z.string().min(1).max(64).default('lanyard:'),
  // How often the demo gateway writes the usage it counted.
  LANYARD_USAGE_FLUSH_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  LANYARD_USAGE_RETENTION_MINUTE_DAYS: z.coerce.number().min(1).max(3660).default(2),
  LANYARD_USAGE_RETENTION_HOUR_DAYS: z.coerce.number().min(1).max(3660).default(90),
  LANYARD_USAGE_RETENTION_DAY_DAYS: z.coerce.number().min(1).max(36600).default(730),

  // OpenAPI documents (docs/architecture.md, "Product pages and big
  // documents"): the largest upload, and how much of the parsed documents
  // each process keeps for product pages and downloads.
  LANYARD_MAX_OPENAPI_MB: z.coerce.number().min(1).max(512).default(32),
  LANYARD_OPENAPI_CACHE_MB: z.coerce.number().min(0).max(8192).default(64),

  // Okta: the custom authorization server users sign in through and where
  // API scopes live.
  LANYARD_OKTA_ISSUER: optional(url),
  LANYARD_OKTA_CLIENT_ID: optional(z.string().min(1)),
  LANYARD_OKTA_CLIENT_SECRET: optional(z.string().min(1)),
  LANYARD_OKTA_ORG_URL: optional(url),
  LANYARD_OKTA_API_TOKEN: optional(z.string().min(1)),
  LANYARD_OKTA_AUTH_SERVER_ID: optional(z.string().min(1)),

  // Cognito: the user pool, its hosted-UI domain and the app client for sign-in.
  LANYARD_COGNITO_REGION: optional(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')),
  LANYARD_COGNITO_USER_POOL_ID: optional(z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a user pool id such as eu-west-1_AbC123')),
  LANYARD_COGNITO_DOMAIN: optional(url),
  LANYARD_COGNITO_CLIENT_ID: optional(z.string().min(1)),
  LANYARD_COGNITO_CLIENT_SECRET: optional(z.string().min(1)),
  LANYARD_COGNITO_RESOURCE_SERVER: optional(z.string().min(1)),
  // Only for tests and local stand-ins: where the AWS SDK and the issuer point.
  LANYARD_COGNITO_ENDPOINT: optional(url),
  LANYARD_COGNITO_ISSUER: optional(url),
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Lanyard's configuration is invalid:\n${lines.join('\n')}`);
  }
  const env = result.data;
  if (isPostgresUrl(env.DATABASE_URL) && !env.NEXTAUTH_SECRET) {
    throw new ConfigError(
      'NEXTAUTH_SECRET must be set when DATABASE_URL is PostgreSQL: every replica signs and reads the same sessions and IdP cookies with it (openssl rand -base64 32).',
    );
  }
  const missing = requiredFor(env);
  if (missing.length) {
    throw new ConfigError(
      `LANYARD_IDP=${env.LANYARD_IDP} (SPI adapter ${env.LANYARD_SPI_ADAPTER ?? env.LANYARD_IDP}) needs: ${missing.join(', ')} (see .env.example)`,
    );
  }
  return env;
}

function requiredFor(env: Env): string[] {
  // Sign-in needs the IdP's OIDC client; the SPI adapter needs management access.
  const signIn: Record<z.infer<typeof idpKind>, (keyof Env)[]> = {
    embedded: [],
    okta: ['LANYARD_OKTA_ISSUER', 'LANYARD_OKTA_CLIENT_ID'],
    cognito: ['LANYARD_COGNITO_REGION', 'LANYARD_COGNITO_USER_POOL_ID', 'LANYARD_COGNITO_DOMAIN', 'LANYARD_COGNITO_CLIENT_ID'],
  };
  const spi: Record<z.infer<typeof idpKind>, (keyof Env)[]> = {
    embedded: [],
    okta: ['LANYARD_OKTA_ORG_URL', 'LANYARD_OKTA_API_TOKEN', 'LANYARD_OKTA_AUTH_SERVER_ID'],
    cognito: ['LANYARD_COGNITO_REGION', 'LANYARD_COGNITO_USER_POOL_ID', 'LANYARD_COGNITO_DOMAIN', 'LANYARD_COGNITO_RESOURCE_SERVER'],
  };
  const keys = new Set([...signIn[env.LANYARD_IDP], ...spi[env.LANYARD_SPI_ADAPTER ?? env.LANYARD_IDP]]);
  return [...keys].filter((key) => env[key] === undefined);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The embedded OpenID provider's issuer: same origin as the portal. */
export function embeddedIssuer(e: Env = env()): string {
  return `${e.LANYARD_URL.replace(/\/$/, '')}/oidc`;
}

/** Whether demo data and the demo gateway are on (LANYARD_DEMO, default on only with the embedded IdP). */
export function demoMode(e: Env = env()): { data: boolean; gateway: boolean } {
  const data = (e.LANYARD_DEMO ?? (e.LANYARD_IDP === 'embedded' && adapterOf(e) === 'embedded' ? 'on' : 'off')) === 'on';
  return { data, gateway: (e.LANYARD_DEMO_GATEWAY ?? (data ? 'on' : 'off')) === 'on' };
}

const adapterOf = (e: Env) => e.LANYARD_SPI_ADAPTER ?? e.LANYARD_IDP;
