import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// What the demo APIs share: JSON replies, a bounded body reader, and a way to
// serve a handler on a port of its own.

export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RunningUpstream {
  url: string;
  stop(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

/** The request's JSON body, or undefined when it is missing, too large or not JSON. */
export async function readJson(req: IncomingMessage, limit = 16 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The path split into segments and the query, from a request URL. */
export function parseTarget(req: IncomingMessage): { segments: string[]; query: URLSearchParams } {
  const url = new URL(req.url ?? '/', 'http://upstream.invalid');
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  return { segments, query: url.searchParams };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Echoes who the gateway says is calling, so a try-it console can show it. */
export function callerOf(req: IncomingMessage): string | undefined {
  const id = req.headers['x-lanyard-client-id'];
  return typeof id === 'string' ? id : undefined;
}

export async function startUpstream(handler: ApiHandler, port = 0, host = '127.0.0.1'): Promise<RunningUpstream> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
