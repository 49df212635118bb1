import { randomBytes } from 'node:crypto';
import { AwsError, checkList, checkString, invalidParameter, notFound, validationError } from './aws-error';
import { SETTINGS_FIELDS, settingsFromRequest, type Json, type ScopeCatalog } from './client-config';

// One user pool: its app clients (with up to two secrets each) and resource
// servers, and the API operations Lanyard's adapter calls, answering and
// failing as the service does.

export interface StoredSecret {
  id: string;
  value: string;
  createdAt: Date;
}

export interface StoredClient {
  clientId: string;
  settings: Json;
  secrets: StoredSecret[];
  createdAt: Date;
  modifiedAt: Date;
}

interface StoredScope {
  ScopeName: string;
  ScopeDescription: string;
}

interface StoredResourceServer {
  Identifier: string;
  Name: string;
  Scopes: StoredScope[];
}

const CLIENT_ID = /[\w+]+/;
const SCOPE_NAME = /[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+/;
const IDENTIFIER = /[\x21\x23-\x5B\x5D-\x7E]+/;
const SERVER_NAME = /[\w\s+=,.@-]+/;
const MAX_SECRETS = 2;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
function randomToken(length: number): string {
  return Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** JSON 1.1 timestamps are epoch seconds. */
const epoch = (d: Date) => d.getTime() / 1000;

export class CognitoPool implements ScopeCatalog {
  readonly clients = new Map<string, StoredClient>();
  readonly resourceServers = new Map<string, StoredResourceServer>();
  private lastSecretMs = 0;

  constructor(
    readonly userPoolId: string,
    private readonly listPageLimit = 60,
  ) {}

  customScopeExists(scope: string): boolean {
    for (const server of this.resourceServers.values()) {
      const prefix = `${server.Identifier}/`;
      if (scope.startsWith(prefix) && server.Scopes.some((s) => s.ScopeName === scope.slice(prefix.length))) return true;
    }
    return false;
  }

  /** The operations, by X-Amz-Target name. */
  readonly operations: Record<string, (input: Json) => Json> = {
    CreateUserPoolClient: (input) => {
      this.checkPool(input);
      const hasSecret = input.GenerateSecret === true || input.ClientSecret !== undefined;
      const settings = settingsFromRequest(input, this, { hasSecret });
      const now = new Date();
      const client: StoredClient = { clientId: randomToken(26), settings, secrets: [], createdAt: now, modifiedAt: now };
      if (hasSecret) {
        const custom = checkString('ClientSecret', input.ClientSecret, { pattern: /[\w+]+/, min: 24, max: 64 });
        client.secrets.push(this.newSecret(client.clientId, custom));
      }
      this.clients.set(client.clientId, client);
      return { UserPoolClient: this.describe(client) };
    },

    DescribeUserPoolClient: (input) => ({ UserPoolClient: this.describe(this.client(input)) }),

    UpdateUserPoolClient: (input) => {
      const client = this.client(input);
      // Omitted fields take their defaults; only the name survives an update without it.
      const request = { ...input, ClientName: input.ClientName ?? client.settings.ClientName };
      client.settings = settingsFromRequest(request, this, { hasSecret: client.secrets.length > 0 });
      client.modifiedAt = new Date();
      return { UserPoolClient: this.describe(client) };
    },

    DeleteUserPoolClient: (input) => {
      this.clients.delete(this.client(input).clientId);
      return {};
    },

    ListUserPoolClients: (input) => {
      this.checkPool(input);
      const max = input.MaxResults ?? 60;
      if (typeof max !== 'number' || max < 1 || max > 60)
        throw validationError('MaxResults', max, 'Member must have value between 1 and 60');
      const start = this.pageStart(input.NextToken);
      const all = [...this.clients.values()];
      const page = all.slice(start, start + Math.min(max, this.listPageLimit));
      const end = start + page.length;
      return {
        UserPoolClients: page.map((c) => ({ ClientId: c.clientId, UserPoolId: this.userPoolId, ClientName: c.settings.ClientName })),
        ...(end < all.length ? { NextToken: Buffer.from(`clients:${end}`).toString('base64') } : {}),
      };
    },

    AddUserPoolClientSecret: (input) => {
      const client = this.client(input);
      if (client.secrets.length === 0) throw invalidParameter('Secrets can only be added to a client that was created with a secret.');
      if (client.secrets.length >= MAX_SECRETS)
        throw new AwsError('LimitExceededException', 'The app client already has the maximum number of client secrets.');
      const custom = checkString('ClientSecret', input.ClientSecret, { pattern: /[\w+]+/, min: 24, max: 64 });
      const secret = this.newSecret(client.clientId, custom);
      client.secrets.push(secret);
      return {
        ClientSecretDescriptor: {
          ClientSecretId: secret.id,
          ClientSecretCreateDate: epoch(secret.createdAt),
          // Only a secret Cognito generated is returned.
          ...(custom === undefined ? { ClientSecretValue: secret.value } : {}),
        },
      };
    },

    DeleteUserPoolClientSecret: (input) => {
      const client = this.client(input);
      const id = checkString('ClientSecretId', input.ClientSecretId, { max: 128, required: true });
      if (!client.secrets.some((s) => s.id === id)) throw notFound(`Client secret ${id} does not exist.`);
      if (client.secrets.length === 1) throw invalidParameter('The last client secret of an app client cannot be deleted.');
      client.secrets = client.secrets.filter((s) => s.id !== id);
      return {};
    },

    ListUserPoolClientSecrets: (input) => {
      const client = this.client(input);
      return { ClientSecrets: client.secrets.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: epoch(s.createdAt) })) };
    },

    CreateResourceServer: (input) => {
      this.checkPool(input);
      const server = this.checkServer(input);
      if (this.resourceServers.has(server.Identifier)) {
        throw invalidParameter(`${server.Identifier} already exists in user pool ${this.userPoolId}.`);
      }
      this.resourceServers.set(server.Identifier, server);
      return { ResourceServer: this.describeServer(server) };
    },

    DescribeResourceServer: (input) => ({ ResourceServer: this.describeServer(this.server(input)) }),

    UpdateResourceServer: (input) => {
      this.server(input);
      // Like client updates, Name and Scopes are replaced whole.
      const server = this.checkServer(input);
      this.resourceServers.set(server.Identifier, server);
      return { ResourceServer: this.describeServer(server) };
    },
  };

  /** Looks a client up for the token endpoint (no API validation). */
  findClient(clientId: string): StoredClient | undefined {
    return this.clients.get(clientId);
  }

  private checkPool(input: Json): void {
    checkString('UserPoolId', input.UserPoolId, { pattern: /[\w-]+_[0-9a-zA-Z]+/, max: 55, required: true });
    if (input.UserPoolId !== this.userPoolId) throw notFound(`User pool ${String(input.UserPoolId)} does not exist.`);
  }

  private client(input: Json): StoredClient {
    this.checkPool(input);
    const id = checkString('ClientId', input.ClientId, { pattern: CLIENT_ID, max: 128, required: true })!;
    const client = this.clients.get(id);
    if (!client) throw notFound(`User pool client ${id} does not exist.`);
    return client;
  }

  private server(input: Json): StoredResourceServer {
    this.checkPool(input);
    const identifier = checkString('Identifier', input.Identifier, { pattern: IDENTIFIER, max: 256, required: true })!;
    const server = this.resourceServers.get(identifier);
    if (!server) throw notFound(`Resource server ${identifier} does not exist.`);
    return server;
  }

  private checkServer(input: Json): StoredResourceServer {
    const Identifier = checkString('Identifier', input.Identifier, { pattern: IDENTIFIER, max: 256, required: true })!;
    const Name = checkString('Name', input.Name, { pattern: SERVER_NAME, max: 256, required: true })!;
    const scopes = (checkList('Scopes', input.Scopes, { max: 100 }) ?? []) as Json[];
    const Scopes = scopes.map((s) => ({
      ScopeName: checkString('Scopes.member.ScopeName', s.ScopeName, { pattern: SCOPE_NAME, max: 256, required: true })!,
      ScopeDescription: checkString('Scopes.member.ScopeDescription', s.ScopeDescription, { max: 256, required: true })!,
    }));
    if (new Set(Scopes.map((s) => s.ScopeName)).size !== Scopes.length) throw invalidParameter('Duplicate scopes are not allowed.');
    return { Identifier, Name, Scopes };
  }

  private pageStart(token: unknown): number {
    if (token === undefined) return 0;
    const match = /^clients:(\d+)$/.exec(Buffer.from(String(token), 'base64').toString());
    if (!match) throw invalidParameter('Invalid pagination token.');
    return Number(match[1]);
  }

  private newSecret(clientId: string, value?: string): StoredSecret {
    // Ids follow the documented `<client-id>--<epoch-create-time>`; milliseconds
    // (and a bump on a tie) keep two secrets made in one second apart.
    const ms = Math.max(Date.now(), this.lastSecretMs + 1);
    this.lastSecretMs = ms;
    return { id: `${clientId}--${ms}`, value: value ?? randomToken(51), createdAt: new Date(ms) };
  }

  private describe(client: StoredClient): Json {
    const out: Json = {
      UserPoolId: this.userPoolId,
      ClientId: client.clientId,
      LastModifiedDate: epoch(client.modifiedAt),
      CreationDate: epoch(client.createdAt),
      ClientType: 'REGULAR',
    };
    if (client.secrets[0]) out.ClientSecret = client.secrets[0].value;
    for (const field of SETTINGS_FIELDS) {
      if (client.settings[field] !== undefined) out[field] = structuredClone(client.settings[field]);
    }
    return out;
  }

  private describeServer(server: StoredResourceServer): Json {
    return { UserPoolId: this.userPoolId, ...structuredClone(server) };
  }
}
