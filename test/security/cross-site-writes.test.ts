import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every state-changing route of the portal API refuses a cross-site request
// before it reads the session (lib/http/cross-site.ts). The route files are
// found on disk, so a new route that does not go through the wrapper fails
// here the day it is added.

const ROOT = path.resolve(__dirname, '../../app/api');
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

// Routes that change state but guard it themselves, with the reason.
const GUARDED_ELSEWHERE: Record<string, string> = {
  'auth/[...nextauth]/route.ts': 'next-auth checks its own CSRF token on sign-in and sign-out posts',
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? routeFiles(full) : entry === 'route.ts' ? [full] : [];
  });
}

const files = routeFiles(ROOT).map((f) => path.relative(ROOT, f));
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const forged = (method: string, headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/anything', { method, headers, ...(method === 'DELETE' ? {} : { body: '{"role":"owner"}' }) });

const attacks: [string, Record<string, string>][] = [
  ['another origin, as a form would post', { origin: 'http://evil.example', 'content-type': 'text/plain' }],
  ['a sibling port on the same site', { origin: 'http://localhost:3001', 'content-type': 'application/json' }],
  ['an opaque origin', { origin: 'null', 'content-type': 'application/json' }],
  ['no Origin and a cross-site fetch', { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }],
];

describe('cross-site writes', () => {
  it('finds the route files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const file of files) {
    if (GUARDED_ELSEWHERE[file]) continue;
    it(`${file}: every write refuses a forged request`, async () => {
      const mod = (await import(path.join(ROOT, file))) as Record<string, Handler | undefined>;
      for (const method of WRITES) {
        const handler = mod[method];
        if (!handler) continue;
        for (const [what, headers] of attacks) {
          const res = await handler(forged(method, headers), {
            params: Promise.resolve({ id: 'x', secretId: 'x', subscriptionId: 'x', userId: 'x' }),
          });
          // 405: the route offers no such write (the audit log); it changes nothing either way.
          if (res.status === 405) continue;
          // /api/v1 reads no cookie, only a bearer token a browser never adds by itself (docs/security.md):
          // a forged request carries no credential at all.
          if (file.startsWith('v1/')) {
            expect(res.status, `${method} ${file}, ${what}`).toBe(401);
            continue;
          }
          expect(res.status, `${method} ${file}, ${what}`).toBe(403);
          expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Cross-site request refused/);
        }
      }
    });
  }
});

describe('a same-origin write that is not JSON', () => {
  it('is refused with 415 before the session is read', async () => {
    const { POST } = (await import(path.join(ROOT, 'teams/route.ts'))) as { POST: Handler };
    const res = await POST(forged('POST', { origin: 'http://localhost:3000', 'content-type': 'text/plain' }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(415);
  });
});
