import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter } from 'prom-client';
import { db } from '../db';
import type { Metering } from '../data-path/metering-settings';
import { DataPathMetrics } from '../data-path/metrics';
import type { Env } from '../env';
import { toFetchRequest, writeFetchResponse } from '../spi-http/node';
import { createDataPathApiHandler } from '../usage/data-path-api';
import { usageRetention } from '../usage/settings';
import type { NodeRoute } from './portal-routes';

// The portal's machine-facing routes, outside Next (server.ts):
// - `/api/data-path/v1/*` for standalone authz processes, when
//   LANYARD_DATA_PATH_TOKEN is set (lib/usage/data-path-api.ts);
// - `GET /metrics` for Prometheus, when LANYARD_METRICS_TOKEN is set: the
//   demo gateway's decisions, limiter hits and usage flush (the same metric
//   names as the authz process), what the data-path API served, and the
//   process metrics. Without its token the path is left to Next (404), so the
//   portal's origin never publishes metrics to anyone who asks.

const sha = (s: string) => createHash('sha256').update(s).digest();

export function dataPathRoutes(config: Env, metering: Metering | undefined): NodeRoute | undefined {
  const metrics = metering?.metrics ?? new DataPathMetrics();
  const served = new Counter({
    name: 'lanyard_data_path_api_requests_total',
    help: 'Requests the portal’s data-path API served, by what.',
    labelNames: ['what'],
    registers: [metrics.registry],
  });
  const ingested = new Counter({
    name: 'lanyard_usage_ingested_rows_total',
    help: 'Usage rows received from standalone data paths.',
    registers: [metrics.registry],
  });
  const api = config.LANYARD_DATA_PATH_TOKEN
    ? createDataPathApiHandler({
        db,
        token: config.LANYARD_DATA_PATH_TOKEN,
        retention: usageRetention(),
        onServed: (what, rows) => {
          served.inc({ what });
          if (rows) ingested.inc(rows);
        },
      })
    : undefined;
  const metricsToken = config.LANYARD_METRICS_TOKEN ? sha(`Bearer ${config.LANYARD_METRICS_TOKEN}`) : undefined;
  if (!api && !metricsToken) return undefined;

  return (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (api?.owns(pathname)) {
      void api(toFetchRequest(req))
        .then((response) => writeFetchResponse(res, response))
        .catch(() => res.destroy());
      return true;
    }
    if (metricsToken && pathname === '/metrics') {
      const given = sha(String(req.headers.authorization ?? ''));
      if (!timingSafeEqual(given, metricsToken)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="lanyard-metrics"', 'content-type': 'text/plain' }).end('unauthorized\n');
        return true;
      }
      void metrics.render().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
        () => res.writeHead(500).end(),
      );
      return true;
    }
    return false;
  };
}
