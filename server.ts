import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import { db } from './lib/db';
import { env } from './lib/env';
import { startDriftWatch } from './lib/drift/watch';
import { startSunsetWatch } from './lib/versions/sunset-watch';
import { idp } from './lib/idp';
import { startCleanup } from './lib/maintenance/cleanup';
import { startOutbox } from './lib/notifications/outbox';
import { outboxDeps } from './lib/notifications/settings';
import { embeddedProvider, routeIdpRequest } from './lib/idp/embedded';
import { ensureAuthSecret } from './lib/server/auth-secret';
import { loadEnvFiles } from './lib/server/load-env-files';
import { dataPathRoutes } from './lib/server/data-path-routes';
import { demoGatewayRoute, internalSpiRoute, spiRoute } from './lib/server/portal-routes';
import { requestGuard } from './lib/server/request-guards';
import { pageCache } from './lib/server/page-cache';
import { cachedPageRules, readerRoleOf } from './lib/server/cached-pages';

// One process, one port: the portal (Next) and, when it is in use, the
// embedded OpenID provider under /oidc, the SPI over HTTP and the demo
// gateway (docs/architecture.md, "Processes and request routing").

async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const config = env();
  process.env.NEXTAUTH_URL ??= config.LANYARD_URL;
  const dev = process.argv.includes('--dev');
  const port = Number(process.env.PORT || new URL(config.LANYARD_URL).port || 80);

  const usesEmbedded = config.LANYARD_IDP === 'embedded' || (config.LANYARD_SPI_ADAPTER ?? config.LANYARD_IDP) === 'embedded';
  const provider = usesEmbedded ? await embeddedProvider() : undefined;
  const idpOptions = { trustProxy: config.LANYARD_TRUST_PROXY === 'on', tokenRequestsPerMinute: config.LANYARD_RATE_LIMIT_TOKEN };

  const app = next({ dev, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const guard = requestGuard(config, { dev });
  const spi = spiRoute(config);
  const internalSpi = internalSpiRoute(config);
  const gateway = await demoGatewayRoute(config);
  const dataPath = dataPathRoutes(config, gateway?.metering);

  // The catalog pages and the shells, rendered once and kept (docs/adr/0015-catalog-page-cache.md).
  const keptPages = pageCache({
    maxBytes: config.LANYARD_PAGE_CACHE_MB * 1024 * 1024,
    maxAgeMs: 60_000,
    rules: cachedPageRules(db),
    readerRole: readerRoleOf(db, config.LANYARD_URL),
    origin: () => ({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }),
    publicHost: new URL(config.LANYARD_URL).host,
    fallback: (req, res) => void handle(req, res),
  });

  const server = createServer((req, res) => {
    if (guard(req, res)) return;
    if (provider && routeIdpRequest(provider, db(), req, res, idpOptions)) return;
    if (spi?.(req, res)) return;
    if (gateway?.route(req, res)) return;
    if (dataPath?.(req, res)) return;
    if (keptPages(req, res)) return;
    void handle(req, res);
  });

  // The SPI without authentication, on its own port (never the public one).
  const internal = internalSpi
    ? createServer((req, res) => {
        if (internalSpi(req, res)) return;
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 404, message: 'Not Found', reason: 'only the SPI is served here' }));
      }).listen(config.LANYARD_SPI_INTERNAL_PORT, config.LANYARD_SPI_INTERNAL_HOST, () => {
        console.log(
          `IdP Connect SPI (no authentication) on ${config.LANYARD_SPI_INTERNAL_HOST}:${config.LANYARD_SPI_INTERNAL_PORT}${config.LANYARD_SPI_BASE_PATH}`,
        );
      })
    : undefined;

  const stopCleanup = startCleanup(db);
  // Notifications go out from every replica (a row is sent by whichever claims it first).
  const stopOutbox = startOutbox(db, outboxDeps);
  const stopDriftWatch = startDriftWatch(db, idp, config.LANYARD_DRIFT_CHECK_MINUTES);
  // Subscribers hear when a deprecated product's sunset date comes (docs/architecture.md, "Product versions").
  const stopSunsetWatch = startSunsetWatch(db);

  server.listen(port, () => {
    console.log(`Lanyard listening on ${config.LANYARD_URL} (IdP: ${config.LANYARD_IDP}${dev ? ', dev' : ''})`);
  });

  // On SIGTERM (a rolling deploy): stop taking connections, let requests in
  // flight finish, write the usage counted so far and finish a notification
  // pass in flight, then close the database.
  const stop = () => {
    stopCleanup();
    stopDriftWatch();
    stopSunsetWatch();
    internal?.close();
    server.close(
      () =>
        void Promise.allSettled([stopOutbox(), gateway?.stop()])
          .then(() => db().$disconnect())
          .finally(() => process.exit(0)),
    );
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
