import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { toOpenApiPath, V1_OPENAPI } from '@/lib/api-v1/openapi-document';
import { V1_ROUTES, type V1Method } from '@/lib/api-v1/route-table';
import type { Db } from '@/lib/db';
import type { IdpAdapter } from '@/lib/idp/types';

// The /api/v1 route handlers (app/api/v1/**/route.ts, unchanged) behind a real
// HTTP server on loopback, as Next would call them: a Web Request in, a Web
// Response out. Every response is checked against the API's OpenAPI document
// (lib/api-v1/openapi-document.ts); `violations` collects what did not fit.

const ROOT = path.resolve(__dirname, '../..');

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = Object.keys(V1_ROUTES).map((routePath) => {
  const names: string[] = [];
  const pattern = routePath.replace(/[.]/g, '\\.').replace(/\[(\w+)\]/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { routePath, regex: new RegExp(`^${pattern}$`), names };
});

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(V1_OPENAPI as unknown as object, 'v1');
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Why a response does not fit the document ([] when it does). */
export function checkResponse(method: string, routePath: string, status: number, contentType: string, body: string): string[] {
  const p = toOpenApiPath(routePath);
  const op = (V1_OPENAPI.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[p]?.[method.toLowerCase()];
  if (!op) return [`${method} ${p} is not in the document`];
  const key = String(status) in op.responses ? String(status) : 'default';
  if (!contentType.startsWith('application/json')) return [`${method} ${p} ${status}: content-type ${contentType}, not JSON`];
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [`${method} ${p} ${status}: the body is not JSON`];
  }
  const validate = ajv.getSchema(
    `v1#/${pointer('paths', p, method.toLowerCase(), 'responses', key, 'content', 'application/json', 'schema')}`,
  );
  if (!validate) return [`${method} ${p} ${status}: no schema`];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${p} ${status}: ${e.instancePath || '/'} ${e.message}`);
}

export interface V1Server {
  url: string;
  /** Every response that did not fit the OpenAPI document. */
  violations: string[];
  /** How many responses were checked. */
  checked: number;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Serves /api/v1 over the given database and IdP (the handlers' db() and idp() return them). */
export async function startV1Server(db: Db, idp: IdpAdapter): Promise<V1Server> {
  const g = globalThis as unknown as { __lanyardDb?: Db; __lanyardIdpAdapter?: IdpAdapter };
  g.__lanyardDb = db;
  g.__lanyardIdpAdapter = idp;
  const state = { violations: [] as string[], checked: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const found = routes.map((r) => ({ r, m: r.regex.exec(url.pathname) })).find((x) => x.m);
      if (!found) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"no such route"}}');
        return;
      }
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, 'app', found.r.routePath.slice(1), 'route.ts'))) as Record<
        string,
        Handler
      >;
      const handler = mod[req.method ?? 'GET'];
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const params = Object.fromEntries(found.r.names.map((n, i) => [n, decodeURIComponent(found.m![i + 1]!)]));
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const response = await handler(new Request(url.toString(), { method: req.method, headers, body }), {
        params: Promise.resolve(params),
      });
      const text = await response.text();
      state.checked++;
      state.violations.push(
        ...checkResponse(req.method as V1Method, found.r.routePath, response.status, response.headers.get('content-type') ?? '', text),
      );
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      delete out['content-length'];
      res.writeHead(response.status, out).end(text);
    })().catch((err: unknown) => {
      console.error(err);
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get violations() {
      return state.violations;
    },
    get checked() {
      return state.checked;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
