import 'server-only';
import type { z } from 'zod';
import { IdpError, notFound } from '../idp/errors';
import { appIdFromClientName, clientNameFor, type IdpAdapter, type IdpClient } from '../idp/types';
import { bearerChallenge, bearerChecker } from './auth';
import { DEFAULT_BASE_PATH, MAX_BODY_BYTES } from './limits';
import { spiOpenApiDocument } from './openapi';
import { emptyResponse, errorResponse, jsonResponse, SpiHttpError, toErrorResponse } from './responses';
import { createApiProductBody, createApplicationBody, describeIssues, updateAppApiProductsBody } from './schemas';

// The IdP Connect SPI over HTTP (docs/architecture.md, "The IdP Connect
// SPI", over HTTP), as a Fetch API handler: server.ts hands it every request and
// serves the Response, or moves on when it answers undefined (the path is not
// under basePath). node.ts adapts it to node:http.
//
//   POST   /applications                  {"id"}                       201 {clientId, clientSecret, clientName}
//   DELETE /applications/{id}                                          204
//   PUT    /applications/{id}/api-products {"apiProducts": [name]}     204
//   POST   /api-products                  {"apiProduct": {name, description?}}  201
//   GET    /api-products                                              200 [{name, description}]
//   DELETE /api-products/{name}                                        204
//   GET    /openapi.json                  (no authentication)          200 the OpenAPI 3.1 document
//
// Application ids. `{id}` in the application paths is the id given to
// `POST /applications`: the client is found among the adapter's clients by
// its name `lanyard-<id>`. Gloo's own connectors address the client by the
// IdP's client id there instead, so when no client has that name, a client id
// of one of the adapter's clients (only those named `lanyard-…`, never the
// portal's own sign-in client) is accepted too. An application id is looked
// up first, so an id that is both cannot reach someone else's client.
//
// Errors: `{"code", "message", "reason"}` always. IdpError not_found → 404,
// conflict → 409, invalid_input → 400, unavailable → 503 + Retry-After; a body
// that is not JSON or not of the documented shape → 400; more than 64 KiB →
// 413; no or a wrong bearer token → 401 + WWW-Authenticate; an unknown path
// → 404; a method the path does not offer → 405 + Allow; anything else → 500
// (logged, not described). PUT with an API product name the IdP does not know
// is 400 and changes nothing; 404 there means the application.
//
// Every operation that reaches the IdP reports to onChange once, with its
// outcome (for the audit log); a failing onChange is logged and does not
// change the answer, since the IdP has already changed.

export interface SpiChangeEvent {
  /** `spi.application.create`, `spi.application.delete`, `spi.application.set_api_products`, `spi.api_product.create`, `spi.api_product.delete`. */
  action: string;
  /** `application:<id>` or `api_product:<name>`. */
  target: string;
  outcome: 'success' | 'failure';
  idpRequestId?: string;
  /** Client id, API products, error code: what an audit entry's detail may hold (never a secret). */
  detail?: Record<string, unknown>;
}

export interface SpiHandlerOptions {
  /** Where the SPI is mounted; default `/api/spi/v1`. */
  basePath?: string;
  /** The token callers present as `Authorization: Bearer <token>` (at least 32 characters). */
  bearerToken?: string;
  /**
   * How callers authenticate (default: `bearer` with `bearerToken`):
   * - `gloo-token`: Gloo's portal server sends the token in a `token` header
   *   (a bearer token works too);
   * - `none`: no authentication, for the internal port only (server.ts
   *   serves it there and nowhere else; docs/deployment.md says why).
   */
  auth?: { kind: 'bearer' | 'gloo-token'; token: string } | { kind: 'none' };
  /** Answer `clientName` as the posted id, as Gloo's connectors do (the IdP still names the client lanyard-<id>). */
  glooClientNames?: boolean;
  /** The adapter to act through, asked for on every request. */
  adapter: () => IdpAdapter;
  onChange?: (event: SpiChangeEvent) => Promise<void>;
}

export interface SpiHandler {
  (req: Request): Promise<Response | undefined>;
  readonly basePath: string;
  /** Whether a request for this pathname is the SPI's to answer. */
  owns(pathname: string): boolean;
}

type Operation = (ctx: { req: Request; params: string[] }) => Promise<Response>;
interface Route {
  /** Literal segments, with `*` for a parameter. */
  pattern: string[];
  methods: Partial<Record<string, Operation>>;
  public?: boolean;
}

export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (trimmed !== '' && !/^\/[A-Za-z0-9._~\-/]*$/.test(trimmed)) {
    throw new Error(`The SPI base path must be an absolute path such as ${DEFAULT_BASE_PATH}, got ${JSON.stringify(basePath)}`);
  }
  return trimmed;
}

async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new SpiHttpError(413, `the body may be at most ${MAX_BODY_BYTES} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BODY_BYTES) {
        await reader.cancel();
        throw new SpiHttpError(413, `the body may be at most ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SpiHttpError(400, 'the body is not UTF-8 text');
  }
  if (!text.trim()) throw new SpiHttpError(400, 'a JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw new SpiHttpError(400, 'the body is not valid JSON');
  }
}

async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(req));
  if (!parsed.success) throw new SpiHttpError(400, describeIssues(parsed.error));
  return parsed.data;
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function matchRoute(routes: Route[], segments: string[]): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const params: string[] = [];
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const want = route.pattern[i]!;
      const got = segments[i]!;
      if (want === '*') {
        const value = decodeSegment(got);
        if (value) params.push(value);
        else ok = false;
      } else ok = want === got;
    }
    if (ok) return { route, params };
  }
  return undefined;
}

export function createSpiHandler(options: SpiHandlerOptions): SpiHandler {
  const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const auth = options.auth ?? { kind: 'bearer' as const, token: options.bearerToken ?? '' };
  const checkBearer = auth.kind === 'none' ? () => 'ok' as const : bearerChecker(auth.token);
  const checkToken = auth.kind === 'gloo-token' ? bearerChecker(auth.token) : undefined;
  const authenticate = (req: Request) => {
    const token = req.headers.get('token');
    // Gloo's header carries the bare token; it is checked the same constant-time way as a bearer token.
    if (checkToken && token !== null) return checkToken(`Bearer ${token}`);
    return checkBearer(req.headers.get('authorization'));
  };
  const openApiBody = JSON.stringify(spiOpenApiDocument(basePath || '/'));

  const owns = (pathname: string) => pathname === basePath || pathname.startsWith(`${basePath}/`);

  async function notify(event: SpiChangeEvent): Promise<void> {
    if (!options.onChange) return;
    try {
      await options.onChange(event);
    } catch (err) {
      console.error(`[spi-http] onChange failed for ${event.action} ${event.target}:`, err);
    }
  }

  /** Runs one change against the IdP and reports it, whatever its outcome. */
  async function change<T>(action: string, target: string, detail: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      await notify({ action, target, outcome: 'success', detail });
      return result;
    } catch (err) {
      const code = err instanceof IdpError ? err.code : err instanceof SpiHttpError ? err.status : 'unexpected';
      await notify({
        action,
        target,
        outcome: 'failure',
        ...(err instanceof IdpError && err.idpRequestId ? { idpRequestId: err.idpRequestId } : {}),
        detail: { ...detail, error: code },
      });
      throw err;
    }
  }

  /** The client of application `id` (or, for Gloo's connectors, with client id `id`) among the adapter's own clients. */
  async function resolveClient(adapter: IdpAdapter, id: string): Promise<IdpClient> {
    const clients = await adapter.listClients();
    const byName = clients.find((c) => c.clientName === clientNameFor(id));
    if (byName) return byName;
    const byId = clients.find((c) => c.clientId === id);
    if (byId && appIdFromClientName(byId.clientName) !== undefined) return byId;
    throw notFound(`Application ${id}`);
  }

  const createApplication: Operation = async ({ req }) => {
    const { id } = await parseBody(req, createApplicationBody);
    const adapter = options.adapter();
    const detail: Record<string, unknown> = {};
    const created = await change('spi.application.create', `application:${id}`, detail, async () => {
      const client = await adapter.createClient({ appId: id });
      detail.clientId = client.clientId;
      return client;
    });
    return jsonResponse(201, {
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      clientName: options.glooClientNames ? id : created.clientName,
    });
  };

  const deleteApplication: Operation = async ({ params: [id] }) => {
    const adapter = options.adapter();
    const detail: Record<string, unknown> = {};
    await change('spi.application.delete', `application:${id!}`, detail, async () => {
      const client = await resolveClient(adapter, id!);
      detail.clientId = client.clientId;
      await adapter.deleteClient(client.clientId);
    });
    return emptyResponse(204);
  };

  const setApplicationApiProducts: Operation = async ({ req, params: [id] }) => {
    const { apiProducts } = await parseBody(req, updateAppApiProductsBody);
    const wanted = [...new Set(apiProducts)];
    const adapter = options.adapter();
    const detail: Record<string, unknown> = { apiProducts: wanted };
    await change('spi.application.set_api_products', `application:${id!}`, detail, async () => {
      const client = await resolveClient(adapter, id!);
      detail.clientId = client.clientId;
      const known = new Set((await adapter.listApiProducts()).map((p) => p.id));
      const unknown = wanted.filter((name) => !known.has(name));
      if (unknown.length) throw new SpiHttpError(400, `no API product named ${unknown.join(', ')} exists in the IdP`);
      await adapter.setClientApiProducts(client.clientId, wanted);
    });
    return emptyResponse(204);
  };

  const createApiProduct: Operation = async ({ req }) => {
    const { apiProduct } = await parseBody(req, createApiProductBody);
    const adapter = options.adapter();
    const detail: Record<string, unknown> = {};
    await change('spi.api_product.create', `api_product:${apiProduct.name}`, detail, async () => {
      const created = await adapter.createApiProduct({ id: apiProduct.name, description: apiProduct.description });
      detail.scope = created.scope;
    });
    return emptyResponse(201);
  };

  const listApiProducts: Operation = async () => {
    const products = await options.adapter().listApiProducts();
    return jsonResponse(
      200,
      products.map((p) => ({ name: p.id, description: p.description ?? '' })),
    );
  };

  const deleteApiProduct: Operation = async ({ params: [name] }) => {
    const adapter = options.adapter();
    await change('spi.api_product.delete', `api_product:${name!}`, {}, () => adapter.deleteApiProduct(name!));
    return emptyResponse(204);
  };

  const serveOpenApi: Operation = async () =>
    new Response(openApiBody, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' } });

  const routes: Route[] = [
    { pattern: ['openapi.json'], methods: { GET: serveOpenApi }, public: true },
    { pattern: ['applications'], methods: { POST: createApplication } },
    { pattern: ['applications', '*'], methods: { DELETE: deleteApplication } },
    { pattern: ['applications', '*', 'api-products'], methods: { PUT: setApplicationApiProducts } },
    { pattern: ['api-products'], methods: { GET: listApiProducts, POST: createApiProduct } },
    { pattern: ['api-products', '*'], methods: { DELETE: deleteApiProduct } },
  ];

  const handler = async (req: Request): Promise<Response | undefined> => {
    let pathname: string;
    try {
      pathname = new URL(req.url).pathname;
    } catch {
      return undefined;
    }
    if (!owns(pathname)) return undefined;
    try {
      const segments = pathname.slice(basePath.length + 1).split('/');
      const match = pathname === basePath ? undefined : matchRoute(routes, segments);
      if (!match?.route.public) {
        const check = authenticate(req);
        if (check !== 'ok') {
          return errorResponse(401, check === 'missing' ? 'a bearer token is required' : 'the bearer token is not valid', {
            'www-authenticate': bearerChallenge(check),
          });
        }
      }
      if (!match) return errorResponse(404, `no SPI operation at ${pathname}`);
      const operation = match.route.methods[req.method.toUpperCase()];
      if (!operation) {
        return errorResponse(405, `${req.method} is not allowed here`, { allow: Object.keys(match.route.methods).join(', ') });
      }
      return await operation({ req, params: match.params });
    } catch (err) {
      return toErrorResponse(err);
    }
  };

  return Object.assign(handler, { basePath, owns });
}
