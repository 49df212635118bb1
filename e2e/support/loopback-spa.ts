import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A single-page app served on a loopback address, as a developer runs one
// while building it: its own origin (http://127.0.0.1:<port>), one page at /
// and /callback, and the app's script (fixtures/loopback-spa/app.js).

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Loopback SPA</title></head>
<body><h1>Loopback SPA</h1><button id="refresh">Refresh</button><pre id="result"></pre><script src="/app.js"></script></body></html>`;

export interface LoopbackSpa {
  origin: string;
  redirectUri: string;
  stop(): Promise<void>;
}

export async function startLoopbackSpa(): Promise<LoopbackSpa> {
  const script = readFileSync('e2e/fixtures/loopback-spa/app.js', 'utf8');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    redirectUri: `${origin}/callback`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
