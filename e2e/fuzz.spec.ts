import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import fc from 'fast-check';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// Every portal API route (found on disk, so a new one is fuzzed the day it is
// added) gets generated input of each kind the security review tried: broken
// percent-escapes and odd ids in the path, lone surrogates, NUL bytes and huge
// strings in JSON, dates far outside any calendar in the query, bodies that
// are not JSON at all. Whatever it is sent, the portal answers below 500, in
// the one error shape, and leaves nothing half-done: afterwards the portal and
// the IdP still agree (the drift report is clean).

const API = path.resolve('app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
// next-auth's own endpoints and the liveness probe answer in their own formats.
const SKIP = new Set(['auth/[...nextauth]/route.ts']);
const RUNS_PER_ENDPOINT = 24;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? routeFiles(full) : entry === 'route.ts' ? [full] : [];
  });
}

interface Endpoint {
  method: (typeof METHODS)[number];
  template: string;
}

const endpoints: Endpoint[] = routeFiles(API)
  .map((file) => path.relative(API, file))
  .filter((file) => !SKIP.has(file))
  .flatMap((file) => {
    const source = readFileSync(path.join(API, file), 'utf8');
    const template = `/api/${path.dirname(file)}`;
    return METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(source)).map(
      (method) => ({
        method,
        template,
      }),
    );
  });

// Path segments: the fuzz run's own records (never the demo ones other tests
// rely on), and what the reviewer sent.
const weirdSegments = [
  '%E0%A4%A',
  '%',
  '%%',
  '%00',
  '..',
  '%2e%2e',
  'a'.repeat(3000),
  '\u00e9t\u00e9',
  '%F0%9F%98%80',
  '0',
  '-1',
  'null',
  "'; DROP TABLE",
  '%0d%0a',
];
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('\ud800', 'a\u0000b', 'x'.repeat(100_000), '<script>', '\r\n', '   ', '=1+1', '\u202e'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(1e308, -0, 2 ** 53 + 1)),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(text, tie('node'), { maxKeys: 4 }),
  ),
})).node;
// Bodies with the field names the routes know, given the wrong things.
const fieldNames = [
  'name',
  'description',
  'ownerTeamId',
  'apiProductId',
  'email',
  'role',
  'token',
  'clientSecret',
  'approve',
  'reason',
  'openapi',
  'version',
  'approvalRequired',
  'dryRun',
  'deleteExtraProducts',
  'disabled',
  'password',
  'current',
  'admin',
];
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 6 }),
  value,
  fc.constantFrom('{"name":', 'not json', '\u0000', '[]', '""', '{"__proto__":{"admin":true}}'),
);
const queryValue = fc.oneof(
  text,
  fc.constantFrom(
    '275760-09-13',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01',
    '99999999999999999999',
    '-1',
    '0',
    'NaN',
    '2026-13-45',
    '1970-01-01T00:00:00.000Z',
  ),
);
const query = fc.dictionary(
  fc.constantFrom(
    'page',
    'pageSize',
    'q',
    'status',
    'product',
    'owner',
    'from',
    'to',
    'action',
    'actor',
    'outcome',
    'target',
    'role',
    'confirm',
    'namespace',
    'server',
    'labelKey',
    'labelValue',
  ),
  queryValue,
  { maxKeys: 4 },
);

function fill(template: string, segment: string): string {
  return template.replace(/\[[^\]]+\]/g, () => segment);
}

test('fuzzed input never gets a 5xx, always the one error shape, and leaves the portal and the IdP in agreement', async ({ browser }) => {
  test.setTimeout(300_000);
  const sessions: Record<'consumer' | 'admin', APIRequestContext> = {} as never;
  for (const [who, user] of [
    ['consumer', consumer],
    ['admin', admin],
  ] as const) {
    const context = await browser.newContext({ extraHTTPHeaders: sameOrigin });
    const page = await context.newPage();
    await signIn(page, user);
    sessions[who] = page.request;
  }
  // The run's own app, team and product, so that real ids reach deep code paths.
  const own = await (await sessions.consumer.post('/api/apps', { data: { name: 'Fuzz target' } })).json();
  const team = await (await sessions.consumer.post('/api/teams', { data: { name: 'Fuzz team' } })).json();
  const segments = fc.constantFrom(own.id as string, team.id as string, 'fuzz-product', ...weirdSegments);

  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let requests = 0;
  for (const endpoint of endpoints) {
    const requester = endpoint.template.startsWith('/api/admin') ? sessions.admin : sessions.consumer;
    await fc.assert(
      fc.asyncProperty(segments, query, body, fc.boolean(), async (segment, q, payload, raw) => {
        const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
        const url = `${fill(endpoint.template, segment)}${params.size ? `?${params}` : ''}`;
        const data = endpoint.method === 'GET' ? undefined : raw && typeof payload === 'string' ? payload : JSON.stringify(payload);
        const res = await requester.fetch(url, {
          method: endpoint.method,
          headers: { 'content-type': 'application/json' },
          ...(data !== undefined && { data }),
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        requests += 1;
        statuses.set(res.status(), (statuses.get(res.status()) ?? 0) + 1);
        const what = `${endpoint.method} ${url.slice(0, 200)} → ${res.status()}`;
        if (res.status() >= 500) failures.push(`${what}: ${(await res.text()).slice(0, 300)}`);
        else if (res.status() >= 400 && (res.headers()['content-type'] ?? '').includes('json')) {
          const parsed = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
          if (typeof parsed?.error?.code !== 'string' || typeof parsed.error.message !== 'string')
            failures.push(`${what}: not the one error shape`);
        }
        return true;
      }),
      { numRuns: RUNS_PER_ENDPOINT, seed: 20261202, endOnFailure: true },
    );
  }

  const counts = [...statuses.entries()].sort(([a], [b]) => a - b);
  const fourXX = counts.filter(([s]) => s >= 400 && s < 500).reduce((n, [, c]) => n + c, 0);
  const fiveXX = counts.filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.log(
    `fuzz: ${requests} requests over ${endpoints.length} endpoints; 4xx ${fourXX}, 5xx ${fiveXX}; by status ${JSON.stringify(Object.fromEntries(counts))}`,
  );
  expect(failures).toEqual([]);
  expect(fiveXX).toBe(0);

  // Nothing half-done: what the portal believes is what the IdP holds.
  const drift = await (await sessions.admin.get('/api/admin/drift')).json();
  expect(drift.issues, JSON.stringify(drift)).toBe(0);
});
