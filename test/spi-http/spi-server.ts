import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { IdpAdapter } from '@/lib/idp/types';
import { createSpiHandler, nodeSpiRoute, spiOpenApiDocument, type SpiChangeEvent, type SpiGuard, type SpiHandler } from '@/lib/spi-http';
import { openApiChecker, type OpenApiChecker } from './openapi-check';

// The SPI handler on a real node:http server, wrapped the way server.ts
// wraps it, and a client whose every response is checked against the SPI's
// OpenAPI document before a test sees it.

export const SPI_TOKEN = 'spi-test-token-0123456789-abcdefghijklmnop';
export const BASE_PATH = '/api/spi/v1';

export interface SpiReply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
  /** Defaults to the right token; `null` sends no Authorization header. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

export interface RunningSpi {
  url: string;
  handler: SpiHandler;
  events: SpiChangeEvent[];
  checker: OpenApiChecker;
  /** Calls `<basePath><path>`; the response is checked against the OpenAPI document. */
  call(method: string, path: string, options?: CallOptions): Promise<SpiReply>;
  stop(): Promise<void>;
}

export async function startSpi(
  adapter: () => IdpAdapter,
  onChange?: (event: SpiChangeEvent) => Promise<void>,
  guard?: SpiGuard,
): Promise<RunningSpi> {
  const events: SpiChangeEvent[] = [];
  const handler = createSpiHandler({
    basePath: BASE_PATH,
    bearerToken: SPI_TOKEN,
    adapter,
    onChange: async (event) => {
      events.push(event);
      await onChange?.(event);
    },
  });
  const route = nodeSpiRoute(handler, guard);
  const server: Server = createServer((req, res) => {
    if (route(req, res)) return;
    res.statusCode = 418;
    res.end('not the SPI');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const checker = await openApiChecker(spiOpenApiDocument(BASE_PATH));

  async function call(method: string, path: string, options: CallOptions = {}): Promise<SpiReply> {
    const headers: Record<string, string> = { ...options.headers };
    const authorization = options.authorization === undefined ? `Bearer ${SPI_TOKEN}` : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.raw;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${url}${BASE_PATH}${path}`, { method, headers, body });
    const text = await res.text();
    const reply = { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
    expect(() => checker.check(method, path, reply)).not.toThrow();
    return reply;
  }

  return {
    url,
    handler,
    events,
    checker,
    call,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The error body every SPI error carries. */
export function expectError(reply: SpiReply, status: number, reason?: RegExp) {
  expect(reply.status, reply.text).toBe(status);
  const body = reply.json as { code: number; message: string; reason: string };
  expect(body.code).toBe(status);
  expect(typeof body.message).toBe('string');
  if (reason) expect(body.reason).toMatch(reason);
}
