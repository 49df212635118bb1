import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordAuditEvent, SYSTEM_ACTOR } from '../audit/record-audit-event';
import { createDataPathCheck, checkConfigFromDiscovery, createDemoGatewayHandler, DEMO_ROUTE_MAP } from '../data-path';
import { startDemoUpstreams } from '../demo-upstreams/start-demo-upstreams';
import { db } from '../db';
import { demoMode, type Env } from '../env';
import { idp, scopeStyle } from '../idp';
import { createSpiHandler, nodeSpiRoute, spiRateLimits } from '../spi-http';
import { portalMetering } from '../usage/portal-metering';
import type { Metering } from '../data-path/metering-settings';

// The parts of the portal's origin that are not Next pages: the IdP Connect
// SPI over HTTP, and the demo gateway (/gateway) that try-it calls.

export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The SPI on the portal's public port: with a bearer token (or Gloo's `token`
 * header) when one is configured. In `internal-port` mode it is not served
 * here at all, only on the internal port (internalSpiRoute).
 */
export function spiRoute(config: Env): NodeRoute | undefined {
  if (config.LANYARD_SPI_AUTH === 'internal-port' || !config.LANYARD_SPI_TOKEN) return undefined;
  const kind = config.LANYARD_SPI_AUTH === 'gloo-token' ? 'gloo-token' : 'bearer';
  return spiNodeRoute(config, { kind, token: config.LANYARD_SPI_TOKEN });
}

/** The SPI without authentication, for the internal port only (in-cluster callers such as Gloo's portal server). */
export function internalSpiRoute(config: Env): NodeRoute | undefined {
  return config.LANYARD_SPI_AUTH === 'internal-port' ? spiNodeRoute(config, { kind: 'none' }) : undefined;
}

function spiNodeRoute(config: Env, auth: NonNullable<Parameters<typeof createSpiHandler>[0]['auth']>): NodeRoute {
  const handler = createSpiHandler({
    basePath: config.LANYARD_SPI_BASE_PATH,
    auth,
    // Gloo's own connectors answer clientName = the posted id.
    glooClientNames: config.LANYARD_SPI_AUTH !== 'bearer',
    adapter: idp,
    onChange: (event) =>
      recordAuditEvent(db(), {
        actor: { ...SYSTEM_ACTOR, email: 'spi-caller' },
        action: event.action,
        target: { type: event.target.split(':')[0] ?? 'spi', id: event.target.split(':').slice(1).join(':') },
        outcome: event.outcome,
        detail: event.detail,
        idpRequestId: event.idpRequestId,
      }),
  });
  return nodeSpiRoute(
    handler,
    spiRateLimits(db, { trustProxy: config.LANYARD_TRUST_PROXY === 'on', requestsPerMinute: config.LANYARD_RATE_LIMIT_SPI }),
  );
}

export const GATEWAY_BASE_PATH = '/gateway';

/**
 * The demo gateway, in process: the data-path check in front of the demo
 * `tracks` and `petstore` upstreams, mounted under /gateway on the portal's
 * origin so the browser's try-it console needs no CORS.
 */
export async function demoGatewayRoute(config: Env): Promise<{ route: NodeRoute; metering: Metering; stop(): Promise<void> } | undefined> {
  if (!demoMode(config).gateway) return undefined;
  const upstreams = await startDemoUpstreams();
  const check = createDataPathCheck(checkConfigFromDiscovery(await idp().discovery(), { scopeStyle: scopeStyle(config) }));
  // Plans enforced and calls counted (lib/usage/portal-metering.ts); admitted calls are
  // recorded by the gateway itself, with the upstream's status.
  const metering = portalMetering(db, config);
  metering.start();
  const handler = createDemoGatewayHandler({
    check,
    metering: metering.meter(check, 'in_process', { recordAdmitted: false }),
    usage: metering.recorder,
    productHeaders: (productId) => metering.limits.table.productHeaders(productId),
    basePath: GATEWAY_BASE_PATH,
    routes: {
      '/tracks': { productId: DEMO_ROUTE_MAP['/tracks'], upstream: upstreams.urls.tracks },
      '/petstore': { productId: DEMO_ROUTE_MAP['/petstore'], upstream: upstreams.urls.petstore },
    },
  });
  return {
    route: (req, res) => {
      const url = req.url ?? '/';
      if (url !== GATEWAY_BASE_PATH && !url.startsWith(`${GATEWAY_BASE_PATH}/`)) return false;
      handler(req, res);
      return true;
    },
    metering,
    async stop() {
      handler.close();
      await metering.stop();
      await upstreams.stop();
    },
  };
}
