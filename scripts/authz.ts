import type { AddressInfo } from 'node:net';
import { completeCheckConfig, parseAuthzEnv } from '../lib/data-path/authz-config';
import { createAuthzServer } from '../lib/data-path/authz-server';
import { createDataPathCheck } from '../lib/data-path/create-check';
import { upstreamHeadersFromEnv } from '../lib/data-path/upstream-headers';
import { loadEnvFiles } from '../lib/server/load-env-files';

// `npm run authz`: the data-path check on its own port, in the shape of
// Envoy's ext_authz HTTP service. Settings: LANYARD_AUTHZ_* (see
// lib/data-path/authz-config.ts and the README).

async function main() {
  loadEnvFiles();
  const settings = parseAuthzEnv(process.env);
  const check = createDataPathCheck(await completeCheckConfig(settings.check));
  try {
    await check.warmUp();
  } catch (err) {
    // Keep serving: the keys are fetched again on the first request.
    console.warn(`warning: ${err instanceof Error ? err.message : err}`);
  }
  const server = createAuthzServer({
    check,
    routes: settings.routes,
    pathPrefix: settings.pathPrefix,
    productHeader: settings.productHeader,
    upstreamHeaders: upstreamHeadersFromEnv(process.env),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const routes =
    Object.entries(settings.routes)
      .map(([p, id]) => `${p}→${id}`)
      .join(' ') || '(none: product from header)';
  console.log(`Lanyard data-path check listening on http://${settings.host}:${port} (issuer ${settings.check.issuer}; routes ${routes})`);

  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
