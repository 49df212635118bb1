import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { newNonce, securityHeaders, setResponseNonce } from '@/lib/http/security-headers';
import { pageCache, type PageCacheOptions, type Role } from '@/lib/server/page-cache';

// The page cache in front of a real HTTP server, as server.ts puts it: the
// request guard's nonce and policy on every response, the cache, then the
// renderer. The renderer stands in for Next: it writes a page whose scripts
// carry the response's nonce, as Next does, and counts what it renders.

// The stand-in sessions: the reader's role by their cookie.
const ROLES: Record<string, Role> = { 'session=alice': 'consumer', 'session=bob': 'consumer', 'session=root': 'admin' };

interface Rig {
  url: string;
  renders: { path: string; cookie?: string; host?: string }[];
  fallbacks: string[];
  setStamp: (s: string) => void;
  close: () => Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function rig(options: Partial<PageCacheOptions> = {}, renderDelayMs = 0): Promise<Rig> {
  const renders: Rig['renders'] = [];
  const fallbacks: string[] = [];
  let stamp = 'one';
  const render = (req: IncomingMessage, res: ServerResponse) => {
    const nonce = String(req.headers['x-test-nonce']);
    const path = req.url ?? '/';
    renders.push({ path, cookie: req.headers.cookie, host: req.headers.host });
    const reply = () => {
      if (path.startsWith('/apis/missing')) return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' };
      if (path.startsWith('/apis/with-cookie')) headers['set-cookie'] = 'a=b';
      const reader = req.headers.cookie ? `<p>hello ${req.headers.cookie}</p>` : '';
      res
        .writeHead(200, headers)
        .end(
          `<html><script nonce="${nonce}">self.x=1</script><body>${path} at ${stamp}${reader}<script nonce="${nonce}" src="/a.js"></script></body></html>`,
        );
    };
    setTimeout(reply, renderDelayMs);
  };
  const server = createServer((req, res) => {
    const nonce = newNonce();
    setResponseNonce(res, nonce);
    for (const [name, value] of Object.entries(securityHeaders({ nonce, https: false }))) res.setHeader(name, value);
    req.headers['x-test-nonce'] = nonce;
    if (cache(req, res)) return;
    render(req, res);
  });
  servers.push(server);
  const cache = pageCache({
    maxBytes: 1024 * 1024,
    maxAgeMs: 60_000,
    rules: [
      { path: /^\/(?:apis(?:\/[^/]+)?)?$/, audience: 'everyone', stamp: async () => stamp },
      { path: /^\/apps$/, audience: 'signed-in', stamp: async () => 'shell' },
      { path: /^\/admin\/apps$/, audience: 'admin', stamp: async () => 'shell' },
    ],
    readerRole: async (req) => ROLES[String(req.headers.cookie)] ?? null,
    origin: () => ({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }),
    publicHost: 'portal.example',
    fallback: (req, res) => {
      fallbacks.push(req.url ?? '/');
      render(req, res);
    },
    ...options,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    renders,
    fallbacks,
    setStamp: (s) => (stamp = s),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const policyNonce = (a: Answer) => /'nonce-([^']+)'/.exec(String(a.headers['content-security-policy']))![1]!;
const bodyNonces = (a: Answer) => [...a.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);

describe('catalog page cache', () => {
  it('renders a page once and answers again from memory, each answer with its own nonce in its scripts and its policy', async () => {
    const r = await rig();
    const first = await get(`${r.url}/apis`);
    const second = await get(`${r.url}/apis`);
    expect([first.headers['x-lanyard-page-cache'], second.headers['x-lanyard-page-cache']]).toEqual(['miss', 'hit']);
    expect(r.renders.map((x) => x.path)).toEqual(['/apis']);
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('/apis at one');
      expect(bodyNonces(answer)).toEqual([policyNonce(answer), policyNonce(answer)]);
    }
    expect(policyNonce(first)).not.toBe(policyNonce(second));
    expect(second.headers['cache-control']).toBe('private, no-store');
  });

  it('renders without the reader’s cookie and with the portal’s own host, so no reader’s data or chosen host is kept', async () => {
    const r = await rig();
    const signedIn = await get(`${r.url}/apis/orders`, { cookie: 'session=alice', host: 'evil.example' });
    expect(signedIn.body).not.toContain('alice');
    expect(r.renders).toEqual([{ path: '/apis/orders', cookie: undefined, host: 'portal.example' }]);
    const anonymous = await get(`${r.url}/apis/orders`);
    expect(anonymous.headers['x-lanyard-page-cache']).toBe('hit');
    expect(anonymous.body).not.toContain('alice');
  });

  it('renders again when the catalog’s stamp changes, and when an entry is older than its maximum age', async () => {
    const r = await rig();
    await get(`${r.url}/`);
    r.setStamp('two');
    const changed = await get(`${r.url}/`);
    expect(changed.headers['x-lanyard-page-cache']).toBe('miss');
    expect(changed.body).toContain('/ at two');

    const aging = await rig({ maxAgeMs: 50 });
    await get(`${aging.url}/apis`);
    expect((await get(`${aging.url}/apis`)).headers['x-lanyard-page-cache']).toBe('hit');
    await new Promise((res) => setTimeout(res, 80));
    expect((await get(`${aging.url}/apis`)).headers['x-lanyard-page-cache']).toBe('miss');
  });

  it('leaves to Next what it must not keep: other paths, client navigations, writes, errors and answers that set cookies', async () => {
    const r = await rig();
    const answers = [
      await get(`${r.url}/teams`),
      await get(`${r.url}/apis`, { rsc: '1' }),
      await get(`${r.url}/apis?_rsc=abc`),
      await get(`${r.url}/apis`, {}, 'POST'),
      await get(`${r.url}/apis/with-cookie`),
      await get(`${r.url}/apis/with-cookie`),
    ];
    expect(answers.map((a) => a.headers['x-lanyard-page-cache'])).toEqual(Array(6).fill(undefined));
    // The cookie-setting page was rendered for the cache, refused, then answered by Next for the reader.
    expect(r.fallbacks).toEqual(['/apis/with-cookie', '/apis/with-cookie']);
  });

  it('keeps a shell per role, rendered with the asking reader’s session, and leaves readers without the role to Next', async () => {
    const r = await rig();
    const alice = await get(`${r.url}/apps`, { cookie: 'session=alice' });
    const bob = await get(`${r.url}/apps`, { cookie: 'session=bob' });
    const root = await get(`${r.url}/apps`, { cookie: 'session=root' });
    expect([alice, bob, root].map((a) => a.headers['x-lanyard-page-cache'])).toEqual(['miss', 'hit', 'miss']);
    // Rendered once per role, each time with the session of the reader who asked.
    expect(r.renders.map((x) => x.cookie)).toEqual(['session=alice', 'session=root']);
    // Signed out, or signed in without the role: Next answers (its sign-in redirect, its "not allowed" page).
    await get(`${r.url}/apps`);
    await get(`${r.url}/apps`, { cookie: 'session=expired' });
    await get(`${r.url}/admin/apps`, { cookie: 'session=alice' });
    expect(r.fallbacks).toEqual(['/apps', '/apps', '/admin/apps']);
    const admin = [
      await get(`${r.url}/admin/apps`, { cookie: 'session=root' }),
      await get(`${r.url}/admin/apps`, { cookie: 'session=root' }),
    ];
    expect(admin.map((a) => a.headers['x-lanyard-page-cache'])).toEqual(['miss', 'hit']);
  });

  it('keeps the 404 of a product that is not there, until the catalog changes', async () => {
    const r = await rig();
    const answers = [await get(`${r.url}/apis/missing`), await get(`${r.url}/apis/missing`)];
    expect(answers.map((a) => [a.status, a.headers['x-lanyard-page-cache']])).toEqual([
      [404, 'miss'],
      [404, 'hit'],
    ]);
    r.setStamp('two');
    expect((await get(`${r.url}/apis/missing`)).headers['x-lanyard-page-cache']).toBe('miss');
  });

  it('renders a page once for readers who ask at the same time', async () => {
    const r = await rig({}, 50);
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(`${r.url}/apis?q=orders`)));
    expect(r.renders).toHaveLength(1);
    const nonces = answers.map(policyNonce);
    expect(new Set(nonces).size).toBe(10);
    for (const a of answers) expect(bodyNonces(a)[0]).toBe(policyNonce(a));
  });

  it('keeps at most maxBytes of pages, dropping the least recently used', async () => {
    const r = await rig({ maxBytes: 200 });
    await get(`${r.url}/apis/a`);
    await get(`${r.url}/apis/b`);
    await get(`${r.url}/apis/a`);
    await get(`${r.url}/apis/b`);
    // Each page is about 140 bytes: only one fits, so every request renders.
    expect(r.renders).toHaveLength(4);
    const roomy = await rig({ maxBytes: 10_000 });
    for (const p of ['a', 'b', 'a', 'b']) await get(`${roomy.url}/apis/${p}`);
    expect(roomy.renders).toHaveLength(2);
  });

  it('compresses for clients that accept gzip and answers HEAD without a body', async () => {
    const r = await rig();
    const zipped = await get(`${r.url}/apis`, { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(bodyNonces(zipped)[0]).toBe(policyNonce(zipped));
    const head = await get(`${r.url}/apis`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('is off at 0 bytes', async () => {
    const r = await rig({ maxBytes: 0 });
    await get(`${r.url}/apis`);
    await get(`${r.url}/apis`);
    expect(r.renders).toHaveLength(2);
    expect(r.fallbacks).toEqual([]);
  });
});
