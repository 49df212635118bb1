import { createServer, type Server } from 'node:http';
import type { DataPathMetrics } from './metrics';

// `GET /metrics` on a port of its own (LANYARD_AUTHZ_METRICS_PORT), so that
// no path of the ext_authz listener, where every path is a request to
// decide, is taken by it. Bind it where only Prometheus reaches.

export function createMetricsServer(metrics: DataPathMetrics): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
}
