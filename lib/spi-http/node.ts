import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { SpiHandler } from './handler';
import { errorResponse } from './responses';

// The Fetch API handler on node:http, for server.ts (and the tests, which run
// it the same way):
//
//   const spi = nodeSpiRoute(createSpiHandler({ ... }));
//   createServer((req, res) => { if (spi(req, res)) return; ... });
//
// The route answers true, synchronously, when the request is the SPI's and
// it has taken over the response.

export function toFetchRequest(req: IncomingMessage): Request {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

export async function writeFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.end(body);
}

/** Runs around every SPI request: `before` may answer instead (a rate limit), `after` sees the answer. */
export interface SpiGuard {
  before(req: IncomingMessage): Promise<Response | undefined>;
  after?(req: IncomingMessage, response: Response): void;
}

export function nodeSpiRoute(handler: SpiHandler, guard?: SpiGuard): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!handler.owns(pathname)) return false;
    void (async () => {
      let response: Response | undefined;
      try {
        response = (await guard?.before(req)) ?? (await handler(toFetchRequest(req)));
        if (response) guard?.after?.(req, response);
      } catch (err) {
        console.error('[spi-http] handler failed:', err);
      }
      await writeFetchResponse(res, response ?? errorResponse(500, 'unexpected error; see the portal log'));
    })().catch((err: unknown) => {
      console.error('[spi-http] could not write the response:', err);
      res.destroy();
    });
    return true;
  };
}
