import 'server-only';
import {
  AddUserPoolClientSecretCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientSecretsCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  type ClientSecretDescriptorType,
  type CognitoIdentityProviderClientConfig,
  type UserPoolClientDescription,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { apiProductIdSchema } from '../api-product-id';
import { conflict, IdpError, invalidInput, isIdpError, notFound } from '../errors';
import { cognitoScopeName, productScope } from '../product-scope';
import {
  appIdFromClientName,
  clientNameFor,
  isPublicClient,
  isUserFacing,
  SERVICE_CLIENT,
  type ClientSettings,
  type IdpAdapter,
  type IdpApiProduct,
  type IdpClient,
  type IdpFeatures,
} from '../types';
import {
  clientScopes,
  currentSettings,
  isUserFacingClient,
  oauthSettingsFor,
  settingsOfClient,
  userOAuthSettingsFor,
} from './client-settings';
import { toIdpError } from './errors';
import { describeResourceServer, SCOPE_NAME, scopeDescription, writeScopes, type ResourceServerAccess } from './resource-server';

// The SPI over an Amazon Cognito user pool (docs/architecture.md, "The IdP Connect SPI").
// Clients are app clients named `lanyard-<appId>`; API products are scopes of
// one resource server, `<resource-server>/<product>` in tokens; a client's
// products are its AllowedOAuthScopes. Cognito has no transactions: each
// operation is a describe followed by writes, and concurrent changes to the
// same client or resource server can overwrite each other (last write wins).

export interface CognitoAdapterOptions {
  region: string;
  userPoolId: string;
  /** The resource server identifier, e.g. `https://api.example.com`; used exactly as given. */
  resourceServer: string;
  /** The user pool domain (hosted-UI base URL); its token endpoint is `${domain}/oauth2/token`. */
  domain: string;
  /** SDK endpoint override (the local stand-in). */
  endpoint?: string;
  /** Default `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  issuer?: string;
  /** Default: the SDK's credential chain (env, shared config, instance role). */
  credentials?: CognitoIdentityProviderClientConfig['credentials'];
  /** SDK attempts per call (default 3); throttling and 5xx answers are retried before they become `unavailable`. */
  maxAttempts?: number;
}

/** Cognito's ClientId pattern; anything else cannot name a client. */
const CLIENT_ID = /^[\w+]{1,128}$/;
/** Cognito's ClientName pattern. */
const CLIENT_NAME = /^[\w\s+=,.@-]{1,128}$/;
/** ListUserPoolClients' largest page. */
const PAGE = 60;
/** Cognito holds at most two secrets per client. */
const MAX_SECRETS = 2;
/** Describe calls in flight at once when listing clients (Cognito throttles per account). */
const DESCRIBE_CONCURRENCY = 4;

function withoutTrailingSlash(url: string): string {
  const absolute = /^https?:\/\//.test(url) ? url : `https://${url}`;
  return absolute.replace(/\/+$/, '');
}

function toIdpClient(client: UserPoolClientType): IdpClient {
  return {
    clientId: client.ClientId ?? '',
    clientName: client.ClientName ?? '',
    scopes: clientScopes(client),
    ...settingsOfClient(client),
  };
}

const LIMITS = {
  privateKeyJwt:
    'Cognito’s token endpoint accepts only client_secret_basic and client_secret_post, so a service app on Cognito uses a secret',
  tokenExchange:
    'Cognito’s token endpoint has no token-exchange grant (RFC 8693): only authorization_code, refresh_token and client_credentials',
  resourceIndicators:
    'Cognito binds a token to one resource only with Managed Login on the Essentials or Plus tier, which Lanyard does not configure',
  accessTokenIntrospection: 'Cognito has no introspection endpoint: verify the signature and read the claims instead',
  accessTokenRevocation: 'Cognito revokes refresh tokens only; access tokens stop working when they expire',
  refreshTokenIntrospection: 'Cognito has no introspection endpoint',
  refreshTokenRotation:
    'Lanyard does not turn on Cognito’s refresh-token rotation: AWS documents it for GetTokensFromRefreshToken, not for the /oauth2/token endpoint a browser app calls, so refresh tokens of spa and native apps on Cognito do not rotate',
  pkceEnforcement:
    'Cognito cannot be told to require PKCE: it checks a code_challenge when one is sent but does not refuse a public client that sends none',
} as const;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function cognitoAdapter(options: CognitoAdapterOptions): IdpAdapter {
  const { region, userPoolId, resourceServer } = options;
  const domain = withoutTrailingSlash(options.domain);
  const issuer = options.issuer ? options.issuer.replace(/\/+$/, '') : `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const sdk = new CognitoIdentityProviderClient({
    region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts,
  });
  const server: ResourceServerAccess = { sdk, userPoolId, identifier: resourceServer };
  const style = { kind: 'resource-server', identifier: resourceServer } as const;
  const scopeOf = (name: string) => `${resourceServer}/${name}`;

  /** One SDK call, its failure as a typed IdpError. */
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toIdpError(err, what);
    }
  }

  async function describeClient(clientId: string): Promise<UserPoolClientType> {
    const res = await call(`Client ${clientId}`, () =>
      sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })),
    );
    if (!res.UserPoolClient) throw notFound(`Client ${clientId}`);
    return res.UserPoolClient;
  }

  /**
   * A client this adapter manages. Other clients of the pool (the portal's own
   * sign-in client, an operator's) are "not found" to the SPI so it can never
   * delete or rewrite them by id.
   */
  async function managedClient(clientId: string): Promise<UserPoolClientType> {
    if (!CLIENT_ID.test(clientId)) throw notFound(`Client ${clientId}`);
    const client = await describeClient(clientId);
    if (appIdFromClientName(client.ClientName ?? '') === undefined) throw notFound(`Client ${clientId}`);
    return client;
  }

  async function listAllClients(): Promise<UserPoolClientDescription[]> {
    const all: UserPoolClientDescription[] = [];
    let NextToken: string | undefined;
    do {
      const res = await call('User pool', () =>
        sdk.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: PAGE, NextToken })),
      );
      all.push(...(res.UserPoolClients ?? []));
      NextToken = res.NextToken;
    } while (NextToken);
    return all;
  }

  /** Describes clients, skipping any deleted since they were listed. */
  async function describeAll(descriptions: UserPoolClientDescription[]): Promise<UserPoolClientType[]> {
    const described = await mapLimit(descriptions, DESCRIBE_CONCURRENCY, async ({ ClientId }) => {
      try {
        return await describeClient(ClientId ?? '');
      } catch (err) {
        if (isIdpError(err, 'not_found')) return undefined;
        throw err;
      }
    });
    return described.filter((c): c is UserPoolClientType => c !== undefined);
  }

  async function updateClient(client: UserPoolClientType, changes: Partial<ReturnType<typeof userOAuthSettingsFor>>): Promise<void> {
    await call(`Client ${client.ClientId}`, () =>
      sdk.send(
        new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: client.ClientId, ...currentSettings(client), ...changes }),
      ),
    );
  }

  /** Takes one scope off any client (Lanyard's or not), leaving its flows alone unless no scope remains. */
  function withoutScope(client: UserPoolClientType, scope: string): Partial<ReturnType<typeof userOAuthSettingsFor>> {
    const remaining = (client.AllowedOAuthScopes ?? []).filter((s) => s !== scope);
    if (remaining.length) return { AllowedOAuthScopes: remaining };
    // Cognito refuses OAuth flows without scopes: switch OAuth off.
    return oauthSettingsFor([]);
  }

  async function listSecrets(clientId: string): Promise<ClientSecretDescriptorType[]> {
    const all: ClientSecretDescriptorType[] = [];
    let NextToken: string | undefined;
    do {
      const res = await call(`Client ${clientId}`, () =>
        sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: userPoolId, ClientId: clientId, NextToken })),
      );
      all.push(...(res.ClientSecrets ?? []));
      NextToken = res.NextToken;
    } while (NextToken);
    return all;
  }

  const features: IdpFeatures = {
    authorizationEndpoint: `${domain}/oauth2/authorize`,
    endSessionEndpoint: `${domain}/logout`,
    refreshTokenRevocationEndpoint: `${domain}/oauth2/revoke`,
    userScopes: ['openid', 'profile'],
    limits: LIMITS,
  };

  const createAppClient: IdpAdapter['createAppClient'] = async ({ appId, settings }) => {
    const clientName = clientNameFor(appId);
    if (!CLIENT_NAME.test(clientName)) throw invalidInput(`application id ${appId} cannot be part of a Cognito client name`);
    if (settings.signingKeys) throw invalidInput(LIMITS.privateKeyJwt);
    // Cognito allows duplicate client names, so "one client per app" is ours to check.
    if ((await listAllClients()).some((c) => c.ClientName === clientName)) throw conflict(`A client for application ${appId}`);
    const withSecret = !isPublicClient(settings.type);
    const res = await call(`User pool ${userPoolId}`, () =>
      sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: clientName,
          // Public clients (spa, native) hold no secret: they could not keep one.
          GenerateSecret: withSecret,
          // A machine client signs in no users: only the refresh flow, which Cognito always wants.
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          // A service client has no products yet, so OAuth stays off until the
          // first one (see oauthSettingsFor); a user-facing one signs people in at once.
          ...(isUserFacing(settings.type) ? userOAuthSettingsFor([], settings) : oauthSettingsFor([])),
        }),
      ),
    );
    const created = res.UserPoolClient;
    if (!created?.ClientId || (withSecret && !created.ClientSecret))
      throw new IdpError('unavailable', 'Cognito created a client without an id or secret');
    // The secret's id lets the portal retire it after a rotation; a failure
    // here is not worth failing the creation for (listClientSecrets has it too).
    const secretId = withSecret
      ? await listSecrets(created.ClientId).then(
          (secrets) => secrets[0]?.ClientSecretId,
          () => undefined,
        )
      : undefined;
    return { clientId: created.ClientId, clientName, clientSecret: withSecret ? created.ClientSecret : undefined, secretId };
  };

  return {
    kind: 'cognito',
    features: () => features,

    async discovery() {
      return {
        kind: 'cognito',
        issuer,
        tokenEndpoint: `${domain}/oauth2/token`,
        jwksUri: `${issuer}/.well-known/jwks.json`,
        // Cognito puts scopes in a space-separated `scope` string and sets no
        // `aud` on access tokens; it has no introspection endpoint.
        scopeClaim: 'scope',
        // Revokes refresh tokens only; client-credentials tokens just expire.
        // No revocation endpoint: Cognito's /oauth2/revoke takes refresh
        // tokens, and the client-credentials grant issues none.
        secretRotation: 'dual',
        resourceIndicators: false,
      };
    },

    scopeFor: (apiProductId) => productScope(apiProductId, style),

    async createClient({ appId }) {
      const created = await createAppClient({ appId, settings: SERVICE_CLIENT });
      return { ...created, clientSecret: created.clientSecret! };
    },

    createAppClient,

    async updateClientSettings(clientId, settings: ClientSettings) {
      const client = await managedClient(clientId);
      if (settings.signingKeys) throw invalidInput(LIMITS.privateKeyJwt);
      const current = settingsOfClient(client);
      const sameKind = isUserFacing(settings.type) === isUserFacingClient(client) && isPublicClient(settings.type) === !client.ClientSecret;
      if (!sameKind) throw invalidInput(`a ${current.type ?? 'public'} client cannot become a ${settings.type} client`);
      if (!isUserFacing(settings.type)) return;
      await updateClient(client, userOAuthSettingsFor(clientScopes(client), settings));
    },

    async deleteClient(clientId) {
      await managedClient(clientId);
      await call(`Client ${clientId}`, () => sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })));
    },

    async getClient(clientId) {
      return toIdpClient(await managedClient(clientId));
    },

    async listClients() {
      const ours = (await listAllClients()).filter((c) => appIdFromClientName(c.ClientName ?? '') !== undefined);
      return (await describeAll(ours)).map(toIdpClient).sort((a, b) => a.clientId.localeCompare(b.clientId));
    },

    async createApiProduct({ id, description }) {
      const parsed = apiProductIdSchema.safeParse(id);
      if (!parsed.success) throw invalidInput(`API product id ${parsed.error.issues[0]?.message}`);
      const name = cognitoScopeName(parsed.data, resourceServer);
      if (name === undefined)
        throw invalidInput(`API product id ${parsed.data} must start with ${resourceServer}/ to be a scope of that resource server`);
      if (!SCOPE_NAME.test(name)) throw invalidInput(`API product id ${parsed.data}: a Cognito scope name cannot contain "/" (${name})`);
      const existing = await describeResourceServer(server);
      const scopes = existing?.Scopes ?? [];
      if (scopes.some((s) => s.ScopeName === name)) throw conflict(`API product ${parsed.data}`);
      const stored = scopeDescription(description, parsed.data);
      await writeScopes(server, existing, [...scopes, { ScopeName: name, ScopeDescription: stored }]);
      return { id: parsed.data, scope: scopeOf(name), description: stored };
    },

    async deleteApiProduct(id) {
      const name = cognitoScopeName(id, resourceServer);
      const existing = name === undefined ? undefined : await describeResourceServer(server);
      if (!name || !existing?.Scopes?.some((s) => s.ScopeName === name)) throw notFound(`API product ${id}`);
      const scope = scopeOf(name);
      // Clients first: a scope still on a client after its product is gone
      // would be granted again if a product with the same id came back.
      for (const client of await describeAll(await listAllClients())) {
        if (client.AllowedOAuthScopes?.includes(scope)) await updateClient(client, withoutScope(client, scope));
      }
      await writeScopes(
        server,
        existing,
        existing.Scopes.filter((s) => s.ScopeName !== name),
      );
    },

    async listApiProducts(): Promise<IdpApiProduct[]> {
      // Ids come back as the scope name (`tracks`); an id given as a URI
      // (`<resource-server>/tracks`) names the same scope. Compare by scope.
      const existing = await describeResourceServer(server);
      return (existing?.Scopes ?? [])
        .map((s) => ({ id: s.ScopeName ?? '', scope: scopeOf(s.ScopeName ?? ''), description: s.ScopeDescription }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },

    async setClientApiProducts(clientId, apiProductIds) {
      const client = await managedClient(clientId);
      const wanted = [...new Set(apiProductIds)];
      const known = wanted.length ? ((await describeResourceServer(server))?.Scopes ?? []) : [];
      const names = wanted.map((id) => ({ id, name: cognitoScopeName(id, resourceServer) }));
      const missing = names.filter(({ name }) => !name || !known.some((s) => s.ScopeName === name)).map(({ id }) => id);
      if (missing.length) throw notFound(`API product ${missing.join(', ')}`);
      const scopes = [...new Set(names.map(({ name }) => scopeOf(name!)))].sort();

      if (isUserFacingClient(client)) {
        if (sameList(clientScopes(client), scopes) && sameList(client.AllowedOAuthFlows ?? [], ['code'])) return;
        const urls = { redirectUris: client.CallbackURLs ?? [], postLogoutRedirectUris: client.LogoutURLs ?? [] };
        await updateClient(client, userOAuthSettingsFor(scopes, urls));
        return;
      }
      const unchanged = scopes.length
        ? sameList(clientScopes(client), scopes) && sameList(client.AllowedOAuthFlows ?? [], ['client_credentials'])
        : !client.AllowedOAuthFlowsUserPoolClient && !client.AllowedOAuthScopes?.length;
      if (unchanged) return;
      await updateClient(client, oauthSettingsFor(scopes));
    },

    async rotateClientSecret(clientId) {
      if (!(await managedClient(clientId)).ClientSecret) throw invalidInput('this client is public: it has no secret to rotate');
      if ((await listSecrets(clientId)).length >= MAX_SECRETS) {
        throw new IdpError('conflict', 'the client already has two secrets (the most Cognito holds): retire one before creating another');
      }
      const res = await call(`Client ${clientId}`, () =>
        sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: userPoolId, ClientId: clientId })),
      );
      const added = res.ClientSecretDescriptor;
      if (!added?.ClientSecretId || !added.ClientSecretValue)
        throw new IdpError('unavailable', 'Cognito added a secret without returning it');
      return { clientSecret: added.ClientSecretValue, secretId: added.ClientSecretId };
    },

    async retireClientSecret(clientId, secretId) {
      await managedClient(clientId);
      const secrets = await listSecrets(clientId);
      if (!secrets.some((s) => s.ClientSecretId === secretId)) throw notFound(`Secret ${secretId} of client ${clientId}`);
      // Cognito refuses to delete the last secret too; say why in our own words.
      if (secrets.length === 1) throw invalidInput('the only secret of a client cannot be retired; rotate first');
      await call(`Secret ${secretId} of client ${clientId}`, () =>
        sdk.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: userPoolId, ClientId: clientId, ClientSecretId: secretId })),
      );
    },

    // DescribeUserPoolClient returns the client's secret to an IAM identity
    // allowed to call it, so the token tool needs no paste.
    async readClientSecret(clientId) {
      const client = await managedClient(clientId);
      if (!client.ClientSecret) throw notFound(`A secret of client ${clientId}`);
      return client.ClientSecret;
    },

    async listClientSecrets(clientId) {
      await managedClient(clientId);
      return (await listSecrets(clientId)).map((s) => ({
        secretId: s.ClientSecretId ?? '',
        createdAt: s.ClientSecretCreateDate ?? new Date(0),
      }));
    },
  };
}
