import 'server-only';
import type { OAuth2Scope } from '@okta/okta-sdk-nodejs';
import { apiProductIdSchema } from '../api-product-id';
import { conflict, IdpError, invalidInput, notFound, unavailable } from '../errors';
import { productScope } from '../product-scope';
import {
  clientNameFor,
  isUserFacing,
  SERVICE_CLIENT,
  tokenEndpointAuthMethod,
  type AppType,
  type ClientSettings,
  type IdpAdapter,
  type IdpApiProduct,
  type IdpClient,
  type IdpDiscovery,
  type IdpFeatures,
} from '../types';
import {
  grantedScopes,
  listLanyardPolicies,
  revokeScopeEverywhere,
  SERVICE_GRANTS,
  setGrantedScopes,
  USER_GRANTS,
  USER_SCOPES,
  type LanyardPolicy,
} from './access-policy';
import { clientIdOf, findLanyardApps, lanyardApp, listSecrets, newApp, oauthSettings, settingsOfApp, type OktaApp } from './apps';
import { isOktaValidationError, toIdpError } from './errors';
import { collect, createOktaClient } from './sdk-client';

// The SPI over Okta's management API (docs/architecture.md, "The IdP Connect SPI"), through the
// official SDK. Okta holds all the state: apps are clients, custom scopes on
// one custom authorization server are API products, and a per-client access
// policy says which of them the client may request (access-policy.ts).

export interface OktaAdapterOptions {
  /** `https://<org>.okta.com` (no trailing slash needed). */
  orgUrl: string;
  /** An SSWS API token of an admin allowed to manage apps and the authorization server. */
  apiToken: string;
  /** The custom authorization server that holds the product scopes, e.g. `aus1abc…` or `default`. */
  authServerId: string;
  /** The server's issuer when it is not `${orgUrl}/oauth2/${authServerId}` (custom domain). */
  issuer?: string;
  requestTimeoutMs?: number;
  rateLimitRetries?: number;
}

/**
 * Marks the scopes Lanyard created (its API products) among the server's
 * others: Okta's system scopes (`system: true`: openid, profile, …) and
 * custom scopes someone made by hand. It sits in `displayName`, which Okta
 * shows only on consent screens — and product scopes are `consent: IMPLICIT`,
 * so no one sees it — leaving `description` to carry the product's own text.
 */
export const PRODUCT_SCOPE_MARKER = 'lanyard-api-product';

const isProductScope = (s: OAuth2Scope): s is OAuth2Scope & { id: string } => !!s.id && !s.system && s.displayName === PRODUCT_SCOPE_MARKER;

const toProduct = (s: OAuth2Scope): IdpApiProduct => ({ id: s.name, scope: s.name, description: s.description ?? '' });

/** Okta keeps two secrets per app, so the rotation operations are always there. */
export type OktaAdapter = IdpAdapter & Required<Pick<IdpAdapter, 'rotateClientSecret' | 'retireClientSecret' | 'listClientSecrets'>>;

export function oktaAdapter(options: OktaAdapterOptions): OktaAdapter {
  const orgUrl = options.orgUrl.replace(/\/+$/, '');
  const { authServerId } = options;
  const okta = createOktaClient({ ...options, orgUrl });
  const ctx = { okta, authServerId };
  const issuer = options.issuer?.replace(/\/+$/, '') ?? `${orgUrl}/oauth2/${authServerId}`;
  let audience: Promise<string | undefined> | undefined;

  /** Runs one SPI operation; any SDK failure leaves as a typed IdpError. */
  async function op<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toIdpError(err, what);
    }
  }

  async function scopesNamed(name: string): Promise<OAuth2Scope[]> {
    const scopes = await collect(await okta.authorizationServerApi.listOAuth2Scopes({ authServerId, q: name }));
    return scopes.filter((s) => s.name === name);
  }

  async function products(): Promise<(OAuth2Scope & { id: string })[]> {
    return (await collect(await okta.authorizationServerApi.listOAuth2Scopes({ authServerId }))).filter(isProductScope);
  }

  /** The products' scopes the client's rule grants (a user-facing client's OIDC scopes are not products). */
  async function scopesOfClient(clientId: string, policies?: LanyardPolicy[]): Promise<string[]> {
    const entry = (policies ?? (await listLanyardPolicies(ctx))).find((p) => p.clientId === clientId);
    return entry ? (await grantedScopes(ctx, entry)).filter((s) => !USER_SCOPES.includes(s)) : [];
  }

  /** What the client's rule must grant for `productScopes`, by its type. */
  function grantFor(type: AppType, productScopes: string[]): { scopes: string[]; grants: string[] } {
    return isUserFacing(type)
      ? { scopes: [...USER_SCOPES, ...productScopes], grants: USER_GRANTS }
      : { scopes: productScopes, grants: SERVICE_GRANTS };
  }

  /**
   * People sign in to a user-facing app only when assigned to it; Lanyard
   * assigns Okta's built-in Everyone group (who may call which product is the
   * access policy's business, not the assignment's).
   */
  async function assignEveryone(appId: string): Promise<void> {
    const groups = await collect(await okta.groupApi.listGroups({ q: 'Everyone' }));
    const everyone = groups.find((g) => g.type === 'BUILT_IN' && g.profile?.name === 'Everyone');
    if (!everyone?.id) throw unavailable('Okta has no built-in Everyone group to assign the app to');
    await okta.applicationApi.assignGroupToApplication({ appId, groupId: everyone.id, applicationGroupAssignment: {} });
  }

  async function removeApp(app: OktaApp): Promise<void> {
    await okta.applicationApi
      .deactivateApplication({ appId: app.id })
      .then(() => okta.applicationApi.deleteApplication({ appId: app.id }))
      .catch(() => undefined);
  }

  const toClient = (app: OktaApp, scopes: string[]): IdpClient => ({
    clientId: clientIdOf(app),
    clientName: app.label,
    scopes,
    ...settingsOfApp(app),
  });

  const createAppClient: IdpAdapter['createAppClient'] = ({ appId, settings }) =>
    op(`A client for application ${appId}`, async () => {
      const label = clientNameFor(appId);
      if ((await findLanyardApps(okta, label)).some((a) => a.label === label)) throw conflict(`A client for application ${appId}`);
      const app = (await okta.applicationApi.createApplication({ application: newApp(label, settings), activate: true })) as OktaApp;
      const withSecret = tokenEndpointAuthMethod(settings) === 'client_secret_basic';
      const clientSecret = app.credentials?.oauthClient?.client_secret;
      if (withSecret && !clientSecret) {
        // Unusable without its secret, and it would block the retry as a conflict.
        await removeApp(app);
        throw unavailable(`Okta created app ${app.id} without returning its client secret; it was removed again`);
      }
      if (isUserFacing(settings.type)) {
        try {
          await assignEveryone(app.id);
          const { scopes, grants } = grantFor(settings.type, []);
          await setGrantedScopes(ctx, clientIdOf(app), scopes, undefined, grants);
        } catch (err) {
          // Half-made: nobody could sign in to it. Leave nothing behind.
          await setGrantedScopes(ctx, clientIdOf(app), []).catch(() => undefined);
          await removeApp(app);
          throw err;
        }
      }
      // The app exists now: failing from here on would orphan it (and make
      // the retry a conflict), so the secret id is best effort.
      const secretId = withSecret
        ? await listSecrets(okta, app.id).then(
            (secrets) => secrets.find((s) => s.status === 'ACTIVE')?.id,
            () => undefined,
          )
        : undefined;
      return { clientId: clientIdOf(app), clientName: label, clientSecret: withSecret ? clientSecret : undefined, secretId };
    });

  const features: IdpFeatures = {
    authorizationEndpoint: `${issuer}/v1/authorize`,
    endSessionEndpoint: `${issuer}/v1/logout`,
    refreshTokenIntrospectionEndpoint: `${issuer}/v1/introspect`,
    refreshTokenRevocationEndpoint: `${issuer}/v1/revoke`,
    // Okta issues refresh tokens only when offline_access is asked for at /authorize.
    userScopes: ['openid', 'profile', 'email', 'offline_access'],
    limits: {
      tokenExchange:
        'Okta’s On-Behalf-Of token exchange works only on a custom authorization server set up for it (API Access Management, an Early Access feature), and its tokens carry no act claim; Lanyard does not configure it, so it cannot enforce per-relationship policy there',
      resourceIndicators:
        'An Okta authorization server has a single audience and no RFC 8707 resource parameter, so a token cannot be limited to one product',
    },
  };

  return {
    kind: 'okta',

    async discovery(): Promise<IdpDiscovery> {
      // Client-credentials tokens carry the server's (first) audience; it only
      // changes when an admin edits the server, so one read per process.
      audience ??= op(`Authorization server ${authServerId}`, async () => {
        const server = await okta.authorizationServerApi.getAuthorizationServer({ authServerId });
        return server.audiences?.[0];
      }).catch((err: unknown) => {
        audience = undefined;
        throw err;
      });
      return {
        kind: 'okta',
        issuer,
        tokenEndpoint: `${issuer}/v1/token`,
        jwksUri: `${issuer}/v1/keys`,
        introspectionEndpoint: `${issuer}/v1/introspect`,
        revocationEndpoint: `${issuer}/v1/revoke`,
        scopeClaim: 'scp',
        audience: await audience,
        secretRotation: 'dual',
        resourceIndicators: false,
      };
    },

    features: () => features,
    scopeFor: (apiProductId) => productScope(apiProductId, { kind: 'plain' }),

    async createClient({ appId }) {
      const created = await createAppClient({ appId, settings: SERVICE_CLIENT });
      return { ...created, clientSecret: created.clientSecret! };
    },

    createAppClient,

    updateClientSettings: (clientId, settings: ClientSettings) =>
      op(`Client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        const current = settingsOfApp(app);
        if (current.type !== settings.type) throw invalidInput(`a ${current.type} client cannot become a ${settings.type} client`);
        const method = tokenEndpointAuthMethod(settings);
        if (current.authMethod !== method) throw invalidInput(`the client's authentication method cannot change to ${method}`);
        // replaceApplication is a PUT: send the app back whole, with the new settings.
        const { jwks: _jwks, jwks_uri: _jwksUri, ...kept } = app.settings?.oauthClient ?? {};
        const oauthClient = { ...kept, ...oauthSettings(settings) };
        await okta.applicationApi.replaceApplication({
          appId: app.id,
          application: { ...app, settings: { ...app.settings, oauthClient } } as OktaApp,
        });
      }),

    deleteClient: (clientId) =>
      op(`Client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        // Deactivate first: tokens stop at once, and Okta deletes only inactive
        // apps. Then the policy, then the app, so that a failure half-way leaves
        // something a retry can find and finish.
        if (app.status !== 'INACTIVE') await okta.applicationApi.deactivateApplication({ appId: app.id });
        await setGrantedScopes(ctx, clientId, []);
        await okta.applicationApi.deleteApplication({ appId: app.id });
      }),

    getClient: (clientId) =>
      op(`Client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        return toClient(app, await scopesOfClient(clientId));
      }),

    listClients: () =>
      op('Clients', async () => {
        const [apps, policies] = await Promise.all([findLanyardApps(okta), listLanyardPolicies(ctx)]);
        const clients: IdpClient[] = [];
        for (const app of apps) clients.push(toClient(app, await scopesOfClient(clientIdOf(app), policies)));
        return clients;
      }),

    createApiProduct: ({ id, description }) =>
      op(`API product ${id}`, async () => {
        const parsed = apiProductIdSchema.safeParse(id);
        if (!parsed.success) throw invalidInput(`API product id ${parsed.error.issues[0]?.message}`);
        const name = parsed.data;
        if ((await scopesNamed(name)).length) throw conflict(`API product ${name}`);
        try {
          const scope = await okta.authorizationServerApi.createOAuth2Scope({
            authServerId,
            oAuth2Scope: {
              name,
              ...(description ? { description } : {}),
              displayName: PRODUCT_SCOPE_MARKER,
              consent: 'IMPLICIT',
              metadataPublish: 'NO_CLIENTS',
              _default: false,
              optional: false,
            },
          });
          return toProduct(scope);
        } catch (err) {
          // Okta answers a duplicate name with the generic E0000001; whether
          // that is what happened (a concurrent create) is asked of Okta itself.
          if (isOktaValidationError(err) && (await scopesNamed(name)).length) throw conflict(`API product ${name}`, { cause: err });
          throw err;
        }
      }),

    deleteApiProduct: (id) =>
      op(`API product ${id}`, async () => {
        const scope = (await scopesNamed(id)).find(isProductScope);
        if (!scope) throw notFound(`API product ${id}`);
        // Clients first: a scope that is gone from the server but still named
        // in a rule is exactly the orphan the drift report would have to chase.
        await revokeScopeEverywhere(ctx, scope.name);
        await okta.authorizationServerApi.deleteOAuth2Scope({ authServerId, scopeId: scope.id });
      }),

    listApiProducts: () => op('API products', async () => (await products()).map(toProduct).sort((a, b) => a.id.localeCompare(b.id))),

    setClientApiProducts: (clientId, apiProductIds) =>
      op(`Client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        const wanted = [...new Set(apiProductIds)];
        const known = new Set((await products()).map((s) => s.name));
        const missing = wanted.filter((id) => !known.has(id));
        if (missing.length) throw notFound(`API product ${missing.join(', ')}`);
        const { scopes, grants } = grantFor(
          settingsOfApp(app).type!,
          wanted.map((id) => productScope(id, { kind: 'plain' })),
        );
        await setGrantedScopes(ctx, clientId, scopes, undefined, grants);
      }),

    rotateClientSecret: (clientId) =>
      op(`Client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        if (settingsOfApp(app).authMethod !== 'client_secret_basic') throw invalidInput('this client authenticates without a secret');
        // Okta keeps at most two secret objects per app, active or not.
        if ((await listSecrets(okta, app.id)).length >= 2) {
          throw new IdpError('conflict', 'the client already has two secrets: retire one before creating another');
        }
        const created = await okta.applicationSSOPublicKeysApi.createOAuth2ClientSecret({
          appId: app.id,
          oAuth2ClientSecretRequestBody: {},
        });
        if (!created.id || !created.client_secret) throw invalidInput('Okta created a client secret without returning it');
        return { clientSecret: created.client_secret, secretId: created.id };
      }),

    retireClientSecret: (clientId, secretId) =>
      op(`Secret ${secretId} of client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        const secrets = await listSecrets(okta, app.id);
        const secret = secrets.find((s) => s.id === secretId);
        if (!secret) throw notFound(`Secret ${secretId} of client ${clientId}`);
        if (secret.status !== 'INACTIVE') {
          if (!secrets.some((s) => s.id !== secretId && s.status === 'ACTIVE')) {
            throw invalidInput('the only active secret of a client cannot be retired; rotate first');
          }
          // Okta deletes only inactive secrets.
          await okta.applicationSSOPublicKeysApi.deactivateOAuth2ClientSecret({ appId: app.id, secretId });
        }
        await okta.applicationSSOPublicKeysApi.deleteOAuth2ClientSecret({ appId: app.id, secretId });
      }),

    // No readClientSecret: Okta's secrets list masks the values, so the
    // token tool asks the owner to paste the secret.
    listClientSecrets: (clientId) =>
      op(`Client ${clientId}`, async () => {
        const app = await lanyardApp(okta, clientId);
        // Inactive ones too: they still count towards Okta's two, and retiring
        // one is how the owner makes room for the next rotation.
        return (await listSecrets(okta, app.id)).map((s) => ({ secretId: s.id, createdAt: new Date(s.created ?? 0) }));
      }),
  };
}
