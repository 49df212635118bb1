import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Okta's wire conventions: JSON everywhere, an X-Okta-Request-Id on every
// answer, and the management API's error body.

export class OktaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly causes: string[] = [],
  ) {
    super(`${errorCode} ${errorSummary}`);
  }
}

/** The errors the stand-in answers with, as Okta words them. */
export const errors = {
  invalidToken: () => new OktaHttpError(401, 'E0000011', 'Invalid token provided'),
  notFound: (what: string) => new OktaHttpError(404, 'E0000007', `Not found: Resource not found: ${what}`),
  validation: (...causes: string[]) =>
    new OktaHttpError(400, 'E0000001', 'Api validation failed: ' + (causes[0]?.split(':')[0] ?? 'request'), causes),
  malformed: () => new OktaHttpError(400, 'E0000003', 'The request body was not well-formed.'),
  methodNotAllowed: () => new OktaHttpError(405, 'E0000022', 'The endpoint does not support the provided HTTP method'),
  rateLimited: () => new OktaHttpError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.'),
  deleteActiveApp: () => new OktaHttpError(403, 'E0000056', 'Delete application forbidden.'),
  internal: () => new OktaHttpError(500, 'E0000009', 'Internal Server Error'),
};

export function requestId(): string {
  return randomBytes(18).toString('base64url');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export function sendEmpty(res: ServerResponse, status = 204) {
  res.writeHead(status);
  res.end();
}

export function sendOktaError(res: ServerResponse, err: OktaHttpError, id: string) {
  sendJson(res, err.status, {
    errorCode: err.errorCode,
    errorSummary: err.errorSummary,
    errorLink: err.errorCode,
    errorId: `oae${id.slice(0, 19)}`,
    errorCauses: err.causes.map((errorSummary) => ({ errorSummary })),
  });
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through to the error Okta gives for a body it cannot parse
  }
  throw errors.malformed();
}

/**
 * Okta's cursor pagination: `limit` items, and a `Link: <…after=lastId>; rel="next"`
 * header while more remain (the SDK's Collection follows it).
 */
export function paginate<T extends { id: string }>(
  items: T[],
  url: URL,
  origin: string,
  { defaultLimit, maxLimit }: { defaultLimit: number; maxLimit: number },
): { page: T[]; link: string } {
  const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || defaultLimit, 1), maxLimit);
  const after = url.searchParams.get('after');
  const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
  const page = items.slice(start, start + limit);
  const self = new URL(url.pathname + url.search, origin);
  const links = [`<${self.href}>; rel="self"`];
  if (start + limit < items.length && page.length) {
    const next = new URL(self.href);
    next.searchParams.set('after', page[page.length - 1]!.id);
    next.searchParams.set('limit', String(limit));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { page, link: links.join(', ') };
}

export const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
