import 'server-only';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { responseNonce } from '../http/security-headers';
import { SizeBoundedLru } from '../size-bounded-lru';

// Pages that are the same for everyone they are shown to, rendered once and
// kept in memory, each answer carrying its own CSP nonce in place of the one
// the page was rendered with (docs/adr/0015-catalog-page-cache.md). Two kinds:
//
// - Public pages (the catalog): rendered by a request to this same server
//   that carries no cookie and the portal's own host, so what is kept can hold
//   neither a reader's data nor a header an attacker chose; good while the
//   rule's stamp (the catalog's, lib/products/catalog-stamp.ts), read on every
//   request, is the one it was rendered at.
// - Shells (my apps, an app, the admin lists): pages whose data the browser
//   fetches from the API, so that the page is the same for every reader with
//   the same role. The cache checks the session itself (one indexed query),
//   leaves a reader without the role to Next (the sign-in redirect, the "not
//   allowed" page), and keeps one page per role, rendered with the session of
//   the reader who asked first.
//
// Either is rendered again after maxAgeMs. Only an HTML page (200, or a 404)
// that sets no cookie is kept; anything else (an error, a redirect, a client
// navigation's RSC request) is Next's to answer as before.

export type Role = 'consumer' | 'admin';

export interface PageRule {
  /** The path (no query) the rule covers. */
  path: RegExp;
  /** Who may be shown the page: anyone (rendered without cookies), anyone signed in, or admins. */
  audience: 'everyone' | 'signed-in' | 'admin';
  /** Changes whenever what the page shows does; read on every request. */
  stamp: () => Promise<string>;
}

export interface PageCacheOptions {
  /** The most the kept pages may take, in bytes of their text. */
  maxBytes: number;
  /** An entry is rendered again after this long even if the catalog did not change. */
  maxAgeMs: number;
  rules: PageRule[];
  /** The role of the reader's session, or null when the request has none that is valid. */
  readerRole: (req: IncomingMessage) => Promise<Role | null>;
  /** Where this server listens, for the requests that render a page for the cache. */
  origin: () => { host: string; port: number };
  /** The Host header those requests send: the portal's public host. */
  publicHost: string;
  /** Answers a request the cache does not (Next's handler). */
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
}

interface Entry {
  status: number;
  body: string;
  /** The nonce the page was rendered with; each answer puts its own in its place. */
  nonce: string;
  headers: Record<string, string>;
  stamp: string;
  renderedAt: number;
  bytes: number;
}

export type PageCache = (req: IncomingMessage, res: ServerResponse) => boolean;

// Headers a client navigation sends for Next's RSC payload instead of HTML.
const RSC_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
const MAX_URL = 512;
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
// What a kept answer carries over from the render; the security headers are
// the answering request's own (lib/server/request-guards.ts).
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'link', 'x-nextjs-stale-time', 'x-nextjs-prerender'];
const FILL_HEADER = 'x-lanyard-page-fill';

/** The rule that covers this request: a GET of a page it names, not a client navigation's RSC request. */
export function ruleFor(req: IncomingMessage, rules: PageRule[], fillToken: string): PageRule | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url ?? '/';
  if (url.length > MAX_URL || req.headers[FILL_HEADER] === fillToken) return undefined;
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  if (/(?:^|&)_rsc=/.test(query) || RSC_HEADERS.some((h) => h in req.headers)) return undefined;
  return rules.find((r) => r.path.test(path));
}

const nonceOfPolicy = (policy: string | string[] | undefined) => /'nonce-([A-Za-z0-9_-]+)'/.exec(String(policy ?? ''))?.[1];

export function pageCache(options: PageCacheOptions): PageCache {
  const fillToken = randomBytes(18).toString('base64url');
  const entries = new SizeBoundedLru<Entry>(options.maxBytes);
  const filling = new Map<string, Promise<Entry | null>>();

  const render = (url: string, stamp: string, cookie: string | undefined): Promise<Entry | null> =>
    new Promise((resolve) => {
      const { host, port } = options.origin();
      const req = httpRequest({
        host,
        port,
        path: url,
        headers: {
          host: options.publicHost,
          accept: 'text/html',
          'accept-encoding': 'identity',
          [FILL_HEADER]: fillToken,
          ...(cookie !== undefined && { cookie }),
        },
      });
      req.on('error', () => resolve(null));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_PAGE_BYTES) chunks.push(chunk);
        });
        res.on('error', () => resolve(null));
        res.on('end', () => resolve(size <= MAX_PAGE_BYTES ? entryOf(res, Buffer.concat(chunks), stamp) : null));
      });
      req.end();
    });

  const fill = (key: string, url: string, stamp: string, cookie: string | undefined): Promise<Entry | null> => {
    const flight = `${stamp}\n${key}`;
    let pending = filling.get(flight);
    if (!pending) {
      pending = render(url, stamp, cookie).then((entry) => {
        filling.delete(flight);
        if (entry) entries.set(key, entry);
        return entry;
      });
      filling.set(flight, pending);
    }
    return pending;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, rule: PageRule) => {
    const url = req.url ?? '/';
    let key = url;
    if (rule.audience !== 'everyone') {
      const role = await options.readerRole(req);
      if (!role || (rule.audience === 'admin' && role !== 'admin')) return options.fallback(req, res);
      key = `${role}\n${url}`;
    }
    const stamp = await rule.stamp();
    const kept = entries.get(key);
    const fresh = kept && kept.stamp === stamp && Date.now() - kept.renderedAt < options.maxAgeMs;
    // A shell is rendered with the asking reader's session (its pages check it); a public page without any.
    const cookie = rule.audience === 'everyone' ? undefined : String(req.headers.cookie ?? '');
    const entry = fresh ? kept : await fill(key, url, stamp, cookie);
    if (!entry || res.headersSent) return options.fallback(req, res);
    send(req, res, entry, fresh ? 'hit' : 'miss');
  };

  return (req, res) => {
    const rule = options.maxBytes > 0 ? ruleFor(req, options.rules, fillToken) : undefined;
    if (!rule) return false;
    answer(req, res, rule).catch(() => {
      if (!res.headersSent) options.fallback(req, res);
    });
    return true;
  };
}

function entryOf(res: IncomingMessage, body: Buffer, stamp: string): Entry | null {
  const nonce = nonceOfPolicy(res.headers['content-security-policy']);
  const type = String(res.headers['content-type'] ?? '');
  const status = res.statusCode ?? 0;
  if (![200, 404].includes(status) || !type.startsWith('text/html') || res.headers['set-cookie'] || !nonce) return null;
  const text = body.toString('utf8');
  return { status, body: text, nonce, headers: keptHeaders(res.headers), stamp, renderedAt: Date.now(), bytes: body.length };
}

function keptHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

function send(req: IncomingMessage, res: ServerResponse, entry: Entry, state: 'hit' | 'miss') {
  const nonce = responseNonce(res);
  // The request guard gave this response a nonce; without one the page's scripts could not run.
  if (!nonce) throw new Error('the response has no CSP nonce');
  const html = Buffer.from(entry.body.replaceAll(entry.nonce, nonce), 'utf8');
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? gzipSync(html) : html;
  const vary = entry.headers.vary ? `${entry.headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  res.writeHead(entry.status, {
    ...entry.headers,
    vary,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': String(body.length),
    'x-lanyard-page-cache': state,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
