import 'server-only';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { responseNonce } from '../http/security-headers';

// The public catalog pages (home, catalog, product pages) are the same for
// everyone who reads them: what is the reader's own (the header's user menu,
// the product page's app menus) the browser fetches after the page loads. So
// each is rendered once per catalog change, kept in memory, and served with
// the response's own CSP nonce in place of the one it was rendered with
// (docs/adr/0015-catalog-page-cache.md).
//
// - A page is rendered for the cache by a request to this same server that
//   carries no cookie and the portal's own host: what is kept can hold neither
//   the reader's data nor a header an attacker chose.
// - An entry is good while the catalog's stamp (lib/products/catalog-stamp.ts),
//   read on every request, is the one it was rendered at, and for at most
//   maxAgeMs (pages show dates relative to today).
// - Only an HTML page (200, or the 404 of a product that is not there) that
//   sets no cookie is kept; anything else (an error, a redirect, a client
//   navigation's RSC request) is Next's to answer as before.

export interface PageCacheOptions {
  /** The most the kept pages may take, in bytes of their text. */
  maxBytes: number;
  /** An entry is rendered again after this long even if the catalog did not change. */
  maxAgeMs: number;
  /** The catalog's stamp now. */
  stamp: () => Promise<string>;
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

// The paths whose pages are public and the same for every reader.
const CATALOG_PAGE = /^\/(?:apis(?:\/[^/]+)?)?$/;
// Headers a client navigation sends for Next's RSC payload instead of HTML.
const RSC_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
const MAX_URL = 512;
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
// What a kept answer carries over from the render; the security headers are
// the answering request's own (lib/server/request-guards.ts).
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'link', 'x-nextjs-stale-time', 'x-nextjs-prerender'];
const FILL_HEADER = 'x-lanyard-page-fill';

/** Whether the cache answers this request: a GET of a catalog page, not a client navigation's RSC request. */
export function isCatalogPageRequest(req: IncomingMessage, fillToken: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  if (url.length > MAX_URL || req.headers[FILL_HEADER] === fillToken) return false;
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  if (!CATALOG_PAGE.test(path) || /(?:^|&)_rsc=/.test(query)) return false;
  return !RSC_HEADERS.some((h) => h in req.headers);
}

const nonceOfPolicy = (policy: string | string[] | undefined) => /'nonce-([A-Za-z0-9_-]+)'/.exec(String(policy ?? ''))?.[1];

export function pageCache(options: PageCacheOptions): PageCache {
  const fillToken = randomBytes(18).toString('base64url');
  const entries = new Map<string, Entry>(); // in least recently used order
  const filling = new Map<string, Promise<Entry | null>>();
  let bytes = 0;

  const keep = (url: string, entry: Entry) => {
    const old = entries.get(url);
    if (old) bytes -= old.bytes;
    entries.delete(url);
    entries.set(url, entry);
    bytes += entry.bytes;
    for (const [oldest, e] of entries) {
      if (bytes <= options.maxBytes) break;
      entries.delete(oldest);
      bytes -= e.bytes;
    }
  };

  const render = (url: string, stamp: string): Promise<Entry | null> =>
    new Promise((resolve) => {
      const { host, port } = options.origin();
      const req = httpRequest({
        host,
        port,
        path: url,
        headers: { host: options.publicHost, accept: 'text/html', 'accept-encoding': 'identity', [FILL_HEADER]: fillToken },
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

  const fill = (url: string, stamp: string): Promise<Entry | null> => {
    const key = `${stamp}\n${url}`;
    let pending = filling.get(key);
    if (!pending) {
      pending = render(url, stamp).then((entry) => {
        filling.delete(key);
        if (entry) keep(url, entry);
        return entry;
      });
      filling.set(key, pending);
    }
    return pending;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const stamp = await options.stamp();
    const kept = entries.get(url);
    const fresh = kept && kept.stamp === stamp && Date.now() - kept.renderedAt < options.maxAgeMs;
    if (fresh) {
      entries.delete(url);
      entries.set(url, kept);
    }
    const entry = fresh ? kept : await fill(url, stamp);
    if (!entry || res.headersSent) return options.fallback(req, res);
    send(req, res, entry, fresh ? 'hit' : 'miss');
  };

  return (req, res) => {
    if (options.maxBytes <= 0 || !isCatalogPageRequest(req, fillToken)) return false;
    answer(req, res).catch(() => {
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
