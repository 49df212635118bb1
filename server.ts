import { createServer } from 'node:http';
import next from 'next';
import { db } from './lib/db';
import { env } from './lib/env';
import { embeddedProvider, routeIdpRequest } from './lib/idp/embedded';
import { ensureAuthSecret } from './lib/server/auth-secret';
import { loadEnvFiles } from './lib/server/load-env-files';
import { dataPathRoutes } from './lib/server/data-path-routes';
import { demoGatewayRoute, spiRoute } from './lib/server/portal-routes';

// One process, one port: the portal (Next) and, when it is in use, the
// embedded OpenID provider under /oidc. Sharing the origin lets the provider's
// sign-in pages be ordinary portal pages.

async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const config = env();
  process.env.NEXTAUTH_URL ??= config.LANYARD_URL;
  const dev = process.argv.includes('--dev');
  const port = Number(process.env.PORT || new URL(config.LANYARD_URL).port || 80);

  const usesEmbedded = config.LANYARD_IDP === 'embedded' || (config.LANYARD_SPI_ADAPTER ?? config.LANYARD_IDP) === 'embedded';
  const provider = usesEmbedded ? await embeddedProvider() : undefined;

  const app = next({ dev, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const spi = spiRoute(config);
  const gateway = await demoGatewayRoute(config);
  const dataPath = dataPathRoutes(config, gateway?.metering);

  const server = createServer((req, res) => {
    if (provider && routeIdpRequest(provider, db(), req, res)) return;
    if (spi?.(req, res)) return;
    if (gateway?.route(req, res)) return;
    if (dataPath?.(req, res)) return;
    void handle(req, res);
  });

  server.listen(port, () => {
    console.log(`Lanyard listening on ${config.LANYARD_URL} (IdP: ${config.LANYARD_IDP}${dev ? ', dev' : ''})`);
  });

  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
