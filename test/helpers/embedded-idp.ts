import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import {
  createEmbeddedProvider,
  embeddedAdapter,
  embeddedIssuerFor,
  hashPassword,
  routeIdpRequest,
  type IdpRouteOptions,
} from '@/lib/idp/embedded';
import type { IdpAdapter } from '@/lib/idp/types';
import { createTestDb, type TestDb } from './test-db';

// The embedded IdP on a real HTTP server and a real SQLite file, as the
// portal's custom server runs it (without Next: the sign-in page's GET is the
// only part Next serves, and protocol tests post the forms directly).

export const TEST_AUTH_SECRET = 'test-auth-secret-test-auth-secret-0123456789';

export interface RunningIdp {
  portalUrl: string;
  issuer: string;
  provider: Provider;
  adapter: IdpAdapter;
  testDb: TestDb;
  server: Server;
  /** Starts a second provider over the same database, as a restart would. */
  restart(): Promise<RunningIdp>;
  stop(): Promise<void>;
}

export async function addIdpUser(testDb: TestDb, user: { id: string; email: string; name: string; password: string; groups?: string[] }) {
  await testDb.db.idpUser.create({
    data: {
      id: user.id,
      email: user.email,
      name: user.name,
      passwordHash: await hashPassword(user.password),
      groups: JSON.stringify(user.groups ?? []),
    },
  });
}

export async function startEmbeddedIdp(existing?: TestDb, port = 0, routeOptions: IdpRouteOptions = {}): Promise<RunningIdp> {
  const testDb = existing ?? (await createTestDb());
  let provider: Provider | undefined;
  const server = createServer((req, res) => {
    if (!provider || !routeIdpRequest(provider, testDb.db, req, res, routeOptions)) {
      res.statusCode = 404;
      res.end('not an IdP path');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = await createEmbeddedProvider({ portalUrl, authSecret: TEST_AUTH_SECRET, db: () => testDb.db });
  const p = provider;
  const running: RunningIdp = {
    portalUrl,
    issuer: embeddedIssuerFor(portalUrl),
    provider: p,
    adapter: embeddedAdapter({ portalUrl, db: () => testDb.db, provider: async () => p }),
    testDb,
    server,
    async restart() {
      const { port: samePort } = server.address() as AddressInfo;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let fetch's connection pool see the closed sockets before reusing them.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return startEmbeddedIdp(testDb, samePort, routeOptions);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testDb.cleanup();
    },
  };
  return running;
}
