import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeCheckConfig, parseAuthzEnv } from '../lib/data-path/authz-config';
import { createAuthzServer } from '../lib/data-path/authz-server';
import { createDataPathCheck } from '../lib/data-path/create-check';
import { createGrpcAuthzServer, listenGrpc, stopGrpc } from '../lib/data-path/grpc/authz-grpc-server';
import { createMetering } from '../lib/data-path/metering-settings';
import { createMetricsServer } from '../lib/data-path/metrics-server';
import { upstreamHeadersFromEnv } from '../lib/data-path/upstream-headers';
import { loadEnvFiles } from '../lib/server/load-env-files';

// `npm run authz`: the data-path check on its own ports, in the shapes of
// Envoy's ext_authz HTTP service (LANYARD_AUTHZ_PORT) and gRPC service
// (LANYARD_AUTHZ_GRPC_PORT), with Prometheus metrics on a third
// (LANYARD_AUTHZ_METRICS_PORT). With LANYARD_AUTHZ_PORTAL_URL it enforces
// the plans the portal exports and reports usage back to it; with
// LANYARD_REDIS_URL its counters are shared with other replicas. Settings:
// LANYARD_AUTHZ_* (lib/data-path/authz-config.ts and the README).

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

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
  const metering = settings.metering ? createMetering(settings.metering) : undefined;
  metering?.start();
  const common = {
    check,
    routes: settings.routes,
    productHeader: settings.productHeader,
    upstreamHeaders: upstreamHeadersFromEnv(process.env),
  };
  const server = createAuthzServer({
    ...common,
    metering: metering?.meter(check, 'http'),
    pathPrefix: settings.pathPrefix,
    // A deprecated product's Deprecation and Sunset, from the limits export it polls.
    productHeaders: metering && ((id) => metering.limits.table.productHeaders(id)),
  });
  const port = await listen(server, settings.port, settings.host);
  const routes =
    Object.entries(settings.routes)
      .map(([p, id]) => `${p}→${id}`)
      .join(' ') || '(none: product from header)';
  console.log(`Lanyard data-path check listening on http://${settings.host}:${port} (issuer ${settings.check.issuer}; routes ${routes})`);

  const grpc = settings.grpcPort === undefined ? undefined : createGrpcAuthzServer({ ...common, metering: metering?.meter(check, 'grpc') });
  if (grpc) {
    const bound = await listenGrpc(grpc, settings.host, settings.grpcPort!);
    console.log(`Lanyard gRPC ext_authz listening on ${settings.host}:${bound} (envoy.service.auth.v3.Authorization/Check)`);
  }
  const metricsServer = settings.metricsPort === undefined || !metering ? undefined : createMetricsServer(metering.metrics);
  if (metricsServer) {
    const bound = await listen(metricsServer, settings.metricsPort!, settings.host);
    console.log(`Lanyard data-path metrics on http://${settings.host}:${bound}/metrics`);
  }
  const limits = settings.metering?.limits;
  console.log(
    `Plans: ${metering ? (limits ? `from ${limits.kind === 'portal' ? limits.url : limits.path}` : 'none configured (no limits)') : 'off'}; ` +
      `counters: ${settings.metering?.redis ? 'Redis' : 'in process'}; usage: ${settings.metering?.usage ? `to ${settings.metering.usage.url}` : 'not reported'}`,
  );

  const stop = async () => {
    server.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      grpc ? stopGrpc(grpc) : undefined,
      metricsServer ? new Promise<void>((resolve) => metricsServer.close(() => resolve())) : undefined,
      metering?.stop(),
    ]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
