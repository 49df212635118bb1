import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// Issue 6: every admin API and page is checked on the server. Signed out →
// 401 / sign-in; a consumer → 403 for every /api/admin route and method and
// a "not allowed" page for every /admin page; the audit log answers 405 to
// any attempt to change it. The route and page lists are checked against the
// files in app/, so a new admin route without a test here fails this spec.

const API: { method: string; path: string; file: string }[] = [
  { method: 'GET', path: '/api/admin/products', file: 'products/route.ts' },
  { method: 'POST', path: '/api/admin/products', file: 'products/route.ts' },
  { method: 'GET', path: '/api/admin/products/tracks', file: 'products/[id]/route.ts' },
  { method: 'PATCH', path: '/api/admin/products/tracks', file: 'products/[id]/route.ts' },
  { method: 'DELETE', path: '/api/admin/products/tracks?confirm=true', file: 'products/[id]/route.ts' },
  { method: 'GET', path: '/api/admin/products/tracks/gateway-policy', file: 'products/[id]/gateway-policy/route.ts' },
  { method: 'GET', path: '/api/admin/products/tracks/calls', file: 'products/[id]/calls/route.ts' },
  { method: 'POST', path: '/api/admin/products/tracks/calls', file: 'products/[id]/calls/route.ts' },
  { method: 'DELETE', path: '/api/admin/products/tracks/calls/any-id', file: 'products/[id]/calls/[callId]/route.ts' },
  { method: 'GET', path: '/api/admin/products/tracks/plans', file: 'products/[id]/plans/route.ts' },
  { method: 'POST', path: '/api/admin/products/tracks/plans', file: 'products/[id]/plans/route.ts' },
  { method: 'PATCH', path: '/api/admin/products/tracks/plans/any-id', file: 'products/[id]/plans/[planId]/route.ts' },
  { method: 'DELETE', path: '/api/admin/products/tracks/plans/any-id', file: 'products/[id]/plans/[planId]/route.ts' },
  { method: 'GET', path: '/api/admin/products/tracks/rate-limit-policy', file: 'products/[id]/rate-limit-policy/route.ts' },
  { method: 'GET', path: '/api/admin/usage', file: 'usage/route.ts' },
  { method: 'GET', path: '/api/admin/usage.csv', file: 'usage.csv/route.ts' },
  { method: 'GET', path: '/api/admin/overview', file: 'overview/route.ts' },
  { method: 'GET', path: '/api/admin/scopes', file: 'scopes/route.ts' },
  { method: 'GET', path: '/api/admin/approvals', file: 'approvals/route.ts' },
  { method: 'POST', path: '/api/admin/subscriptions/any-id/decision', file: 'subscriptions/[id]/decision/route.ts' },
  { method: 'GET', path: '/api/admin/apps', file: 'apps/route.ts' },
  { method: 'GET', path: '/api/admin/subscriptions', file: 'subscriptions/route.ts' },
  { method: 'GET', path: '/api/admin/users', file: 'users/route.ts' },
  { method: 'GET', path: '/api/admin/audit', file: 'audit/route.ts' },
  { method: 'GET', path: '/api/admin/audit.csv', file: 'audit.csv/route.ts' },
  { method: 'GET', path: '/api/admin/drift', file: 'drift/route.ts' },
  { method: 'POST', path: '/api/admin/drift/reconcile', file: 'drift/reconcile/route.ts' },
  { method: 'GET', path: '/api/admin/idp-people', file: 'idp-people/route.ts' },
  { method: 'POST', path: '/api/admin/idp-people', file: 'idp-people/route.ts' },
  { method: 'PATCH', path: '/api/admin/idp-people/demo-dev', file: 'idp-people/[id]/route.ts' },
  { method: 'POST', path: '/api/admin/idp-people/demo-dev/password-link', file: 'idp-people/[id]/password-link/route.ts' },
  { method: 'PUT', path: '/api/admin/products/tracks/deprecation', file: 'products/[id]/deprecation/route.ts' },
  { method: 'DELETE', path: '/api/admin/products/tracks/deprecation', file: 'products/[id]/deprecation/route.ts' },
  { method: 'GET', path: '/api/admin/tokens', file: 'tokens/route.ts' },
  { method: 'POST', path: '/api/admin/tokens', file: 'tokens/route.ts' },
  { method: 'DELETE', path: '/api/admin/tokens/any-id', file: 'tokens/[id]/route.ts' },
];

const PAGES = [
  '/admin',
  '/admin/products',
  '/admin/products/new',
  '/admin/products/tracks',
  '/admin/products/tracks/edit',
  '/admin/scopes',
  '/admin/approvals',
  '/admin/apps',
  '/admin/subscriptions',
  '/admin/users',
  '/admin/audit',
  '/admin/drift',
  '/admin/people',
  '/admin/usage',
  '/admin/tokens',
];

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesNamed(full, name) : entry === name ? [full] : [];
  });
}

const send = (request: APIRequestContext, method: string, url: string) =>
  request.fetch(url, { method, headers: sameOrigin, ...(method === 'GET' ? {} : { data: {} }), maxRedirects: 0 });

test('the lists above cover every admin route and page in app/', () => {
  const apiDir = path.resolve('app/api/admin');
  const routes = filesNamed(apiDir, 'route.ts')
    .map((f) => path.relative(apiDir, f))
    .sort();
  expect([...new Set(API.map((r) => r.file))].sort()).toEqual(routes);
  const pageDir = path.resolve('app/(portal)/admin');
  const pages = filesNamed(pageDir, 'page.tsx')
    .map((f) => `/admin/${path.dirname(path.relative(pageDir, f))}`.replace(/\/\.$/, '').replace('[slug]', 'tracks'))
    .sort();
  expect([...PAGES].sort()).toEqual(pages);
});

test('signed out: every admin API answers 401 and every admin page sends you to sign in', async ({ page, request }) => {
  for (const { method, path: url } of API) {
    const res = await send(request, method, url);
    expect(res.status(), `${method} ${url}`).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  }
  for (const url of PAGES) {
    await page.goto(url);
    await expect(page, url).toHaveURL(
      new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
  }
});

test('a consumer gets 403 from every admin API and a not-allowed page for every admin page', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, consumer);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Admin' })).toHaveCount(0);

  for (const { method, path: url } of API) {
    const res = await send(page.request, method, url);
    expect(res.status(), `${method} ${url}`).toBe(403);
    expect((await res.json()).error).toEqual({ code: 'forbidden', message: 'Only portal admins may do this' });
  }
  for (const url of PAGES) {
    await page.goto(url);
    await expect(page.getByTestId('admin-not-allowed'), url).toBeVisible();
    await expect(page.getByRole('heading', { name: 'This page is for portal admins' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
  }
  await page.screenshot({ path: '/tmp/admin-not-allowed.png', fullPage: true });

  // Nothing changed: tracks is still published.
  await page.goto('/apis/tracks');
  await expect(page.getByRole('heading', { name: 'Tracks API', level: 1 })).toBeVisible();
});

test('the audit API offers no way to change an entry, even to an admin; denied attempts are audited', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // A consumer tries every admin change...
  const consumerContext = await browser.newContext();
  const consumerPage = await consumerContext.newPage();
  await signIn(consumerPage, consumer);
  for (const { method, path: url } of API.filter((r) => r.method !== 'GET')) {
    expect((await send(consumerPage.request, method, url)).status()).toBe(403);
  }
  await consumerContext.close();

  // ...and the admin finds each attempt in the audit log, which no one can edit.
  await signIn(page, admin);
  for (const url of ['/api/admin/audit', '/api/admin/audit.csv']) {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const res = await send(page.request, method, url);
      expect(res.status(), `${method} ${url}`).toBe(405);
      expect(res.headers().allow).toBe('GET');
      expect((await res.json()).error.code).toBe('method_not_allowed');
    }
  }
  const denied = await (
    await page.request.get(`/api/admin/audit?action=admin.denied&actor=${encodeURIComponent(consumer.email)}&pageSize=50`)
  ).json();
  const targets = denied.items.map((e: { targetId: string }) => e.targetId);
  for (const { method, path: url } of API.filter((r) => r.method !== 'GET')) {
    expect(targets, `${method} ${url}`).toContain(`${method} ${url.split('?')[0]}`);
  }
  expect(denied.items.every((e: { outcome: string }) => e.outcome === 'denied')).toBe(true);
});
