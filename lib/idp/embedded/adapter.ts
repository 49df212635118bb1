import 'server-only';
import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import { isPostgres, type Db } from '../../db';
import { apiProductIdSchema } from '../api-product-id';
import { productScope } from '../product-scope';
import { conflict, invalidInput, IdpError, notFound } from '../errors';
import {
  clientNameFor,
  SERVICE_CLIENT,
  tokenEndpointAuthMethod,
  type IdpAdapter,
  type IdpApiProduct,
  type IdpClient,
  type IdpFeatures,
} from '../types';
import {
  findClientByName,
  listManagedClients,
  lockClientRows,
  readClient,
  removeClient,
  writeClient,
  type ClientRecord,
} from './client-records';
import { settingsFields, settingsOf, withSettings } from './client-settings';
import { apiAudience, productResource } from './provider/api-resources';
import { TOKEN_EXCHANGE_GRANT } from './provider/token-exchange';
import { newClientSecret, unusableSecretPlaceholder } from './provider/client-secrets';
import { embeddedIssuerFor } from './provider/create-provider';

// The SPI over the embedded IdP: clients and API scopes live in its own
// tables, the token endpoint enforces them (provider/api-resources.ts).

export interface EmbeddedAdapterOptions {
  portalUrl: string;
  db: () => Db;
  provider: () => Promise<Provider>;
}

const MAX_LIVE_SECRETS = 2;

function toIdpClient(record: ClientRecord): IdpClient {
  return {
    clientId: record.client_id,
    clientName: record.client_name,
    scopes: [...(record.lanyard_api_scopes ?? [])],
    ...settingsOf(record),
  };
}

export function embeddedAdapter({ portalUrl, db, provider }: EmbeddedAdapterOptions): IdpAdapter {
  const issuer = embeddedIssuerFor(portalUrl);
  const features: IdpFeatures = {
    authorizationEndpoint: `${issuer}/auth`,
    endSessionEndpoint: `${issuer}/session/end`,
    refreshTokenIntrospectionEndpoint: `${issuer}/token/introspection`,
    refreshTokenRevocationEndpoint: `${issuer}/token/revocation`,
    userScopes: ['openid', 'profile', 'email'],
    limits: {
      accessTokenIntrospection:
        'API access tokens are self-contained JWTs that oidc-provider does not store, so it cannot introspect them: verify the signature and read the claims instead',
      accessTokenRevocation:
        'API access tokens are self-contained JWTs that oidc-provider does not store, so it cannot revoke them: they stop working when they expire (revoke the refresh token to stop new ones)',
    },
  };

  /** The client record; inside a transaction (`tx`), locked until it ends (lockClientRows). */
  async function clientOrThrow(clientId: string, tx?: Parameters<typeof lockClientRows>[0]) {
    if (tx) await lockClientRows(tx, isPostgres(db()), clientId);
    const record = await readClient(tx ?? db(), clientId);
    if (!record || !record.lanyard_api_scopes) throw notFound(`Client ${clientId}`);
    return record;
  }

  async function validate(record: ClientRecord): Promise<void> {
    try {
      await (await provider()).Client.validate(record);
    } catch (cause) {
      throw invalidInput(`the client's metadata is not valid: ${(cause as Error).message}`, { cause });
    }
  }

  const createAppClient: IdpAdapter['createAppClient'] = async ({ appId, settings }) => {
    const clientName = clientNameFor(appId);
    if (await findClientByName(db(), clientName)) throw conflict(`A client for application ${appId}`);
    const withSecret = tokenEndpointAuthMethod(settings) === 'client_secret_basic';
    const fresh = withSecret ? newClientSecret() : undefined;
    const record: ClientRecord = {
      client_id: `lyd_${randomBytes(15).toString('base64url')}`,
      client_name: clientName,
      ...(fresh ? { client_secret: unusableSecretPlaceholder() } : {}),
      ...settingsFields(settings),
      lanyard_app_type: settings.type,
      ...(settings.displayName ? { lanyard_display_name: settings.displayName } : {}),
      lanyard_api_scopes: [],
      lanyard_secrets: fresh ? [fresh.stored] : [],
    };
    await validate(record);
    await writeClient(db(), record);
    return { clientId: record.client_id, clientName, clientSecret: fresh?.secret, secretId: fresh?.stored.id };
  };

  return {
    kind: 'embedded',

    async discovery() {
      return {
        kind: 'embedded',
        issuer,
        tokenEndpoint: `${issuer}/token`,
        jwksUri: `${issuer}/jwks`,
        // No introspection or revocation here: API clients get JWT access
        // tokens, and oidc-provider answers `unsupported_token_type` for those
        // (its endpoints serve the portal's own opaque tokens).
        scopeClaim: 'scope',
        audience: apiAudience(portalUrl),
        secretRotation: 'dual',
        resourceIndicators: true,
      };
    },

    features: () => features,
    scopeFor: (apiProductId) => productScope(apiProductId, { kind: 'plain' }),
    resourceFor: (apiProductId) => productResource(portalUrl, apiProductId),

    async createClient({ appId }) {
      const created = await createAppClient({ appId, settings: SERVICE_CLIENT });
      return { ...created, clientSecret: created.clientSecret! };
    },

    createAppClient,

    async updateClientSettings(clientId, settings) {
      await db().$transaction(async (tx) => {
        const next = withSettings(await clientOrThrow(clientId, tx), settings);
        await validate(next);
        await writeClient(tx, next);
      });
    },

    async setClientTokenExchange(clientId, rules) {
      await db().$transaction(async (tx) => {
        const record = await clientOrThrow(clientId, tx);
        if (settingsOf(record).type !== 'service') throw invalidInput('only service clients exchange tokens');
        const known = new Set((await tx.idpApiScope.findMany({ select: { productId: true } })).map((p) => p.productId));
        const named = rules.flatMap((r) => [r.fromApiProductId, ...r.toApiProductIds]);
        const missing = [...new Set(named.filter((id) => !known.has(id)))];
        if (missing.length) throw notFound(`API product ${missing.join(', ')}`);
        const stored = rules
          .filter((r) => r.toApiProductIds.length)
          .map((r) => ({ from: r.fromApiProductId, to: [...new Set(r.toApiProductIds)].sort() }));
        const grants = (record.grant_types ?? []).filter((g) => g !== TOKEN_EXCHANGE_GRANT);
        await writeClient(tx, {
          ...record,
          grant_types: stored.length ? [...grants, TOKEN_EXCHANGE_GRANT] : grants,
          lanyard_token_exchange: stored,
        });
      });
    },

    async deleteClient(clientId) {
      await clientOrThrow(clientId);
      await removeClient(db(), clientId);
    },

    async getClient(clientId) {
      return toIdpClient(await clientOrThrow(clientId));
    },

    async listClients() {
      return (await listManagedClients(db())).map(toIdpClient);
    },

    async createApiProduct({ id, description }) {
      const parsed = apiProductIdSchema.safeParse(id);
      if (!parsed.success) throw invalidInput(`API product id ${parsed.error.issues[0]?.message}`);
      const existing = await db().idpApiScope.findUnique({ where: { productId: parsed.data } });
      if (existing) throw conflict(`API product ${parsed.data}`);
      const row = await db().idpApiScope.create({
        data: { productId: parsed.data, scope: parsed.data, description: description ?? '' },
      });
      return { id: row.productId, scope: row.scope, description: row.description };
    },

    async deleteApiProduct(id) {
      await db().$transaction(async (tx) => {
        const product = await tx.idpApiScope.findUnique({ where: { productId: id } });
        if (!product) throw notFound(`API product ${id}`);
        await lockClientRows(tx, isPostgres(db()));
        for (const record of await listManagedClients(tx)) {
          if (!record.lanyard_api_scopes?.includes(product.scope)) continue;
          await writeClient(tx, { ...record, lanyard_api_scopes: record.lanyard_api_scopes.filter((s) => s !== product.scope) });
        }
        await tx.idpApiScope.delete({ where: { productId: id } });
      });
    },

    async listApiProducts(): Promise<IdpApiProduct[]> {
      const rows = await db().idpApiScope.findMany({ orderBy: { productId: 'asc' } });
      return rows.map((r) => ({ id: r.productId, scope: r.scope, description: r.description }));
    },

    async setClientApiProducts(clientId, apiProductIds) {
      await db().$transaction(async (tx) => {
        const record = await clientOrThrow(clientId, tx);
        const wanted = [...new Set(apiProductIds)].sort();
        const known = await tx.idpApiScope.findMany({ where: { productId: { in: wanted } } });
        const missing = wanted.filter((id) => !known.some((k) => k.productId === id));
        if (missing.length) throw notFound(`API product ${missing.join(', ')}`);
        await writeClient(tx, { ...record, lanyard_api_scopes: known.map((k) => k.scope).sort() });
      });
    },

    async rotateClientSecret(clientId) {
      return db().$transaction(async (tx) => {
        const record = await clientOrThrow(clientId, tx);
        if (settingsOf(record).authMethod !== 'client_secret_basic') throw invalidInput('this client authenticates without a secret');
        const secrets = record.lanyard_secrets ?? [];
        if (secrets.length >= MAX_LIVE_SECRETS) {
          throw new IdpError('conflict', 'the client already has two secrets: retire one before creating another');
        }
        const { secret, stored } = newClientSecret();
        await writeClient(tx, { ...record, lanyard_secrets: [...secrets, stored] });
        return { clientSecret: secret, secretId: stored.id };
      });
    },

    async retireClientSecret(clientId, secretId) {
      await db().$transaction(async (tx) => {
        const record = await clientOrThrow(clientId, tx);
        const secrets = record.lanyard_secrets ?? [];
        if (!secrets.some((s) => s.id === secretId)) throw notFound(`Secret ${secretId} of client ${clientId}`);
        if (secrets.length === 1) throw invalidInput('the only secret of a client cannot be retired; rotate first');
        await writeClient(tx, { ...record, lanyard_secrets: secrets.filter((s) => s.id !== secretId) });
      });
    },

    async listClientSecrets(clientId) {
      const record = await clientOrThrow(clientId);
      return (record.lanyard_secrets ?? []).map((s) => ({ secretId: s.id, createdAt: new Date(s.created_at * 1000) }));
    },
  };
}
