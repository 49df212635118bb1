import { expect, test, type APIResponse } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// The public catalog pages are rendered once per catalog change and kept, and
// the shells (my apps, an app, the admin lists) once per role
// (docs/adr/0015-catalog-page-cache.md). What a reader would notice if that
// went wrong: another reader's name or data in the page, scripts blocked by
// the policy, or an admin's change not showing.

const stamp = Date.now().toString(36);
const apiProductId = `kestrel-${stamp}`;
const openapi = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Kestrel', version: '1.0.0' },
  paths: { '/nests': { get: { summary: 'List nests', responses: { '200': { description: 'ok' } } } } },
});

const nonceOf = (res: APIResponse) => /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];

test('a signed-in reader’s catalog pages show their own menus, and another reader gets the same page without them', async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, admin);
  const created = await page.request.post('/api/admin/products', {
    headers: sameOrigin,
    data: { apiProductId, name: `Kestrel ${stamp}`, description: 'Birds of prey', openapi },
  });
  expect(created.status(), await created.text()).toBe(201);
  const slug = ((await created.json()) as { slug: string }).slug;

  // The admin sees the header's menu and the subscribe panel's own apps, fetched by the browser.
  await page.goto(`/apis/${slug}`);
  await expect(page.getByRole('heading', { name: `Kestrel ${stamp}` })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toContainText(admin.email);

  // A reader who is not signed in gets the page from memory: the same page, with no trace of the admin.
  const anonymous = await playwright.request.newContext({ baseURL });
  const first = await anonymous.get(`/apis/${slug}`);
  const second = await anonymous.get(`/apis/${slug}`);
  expect(second.headers()['x-lanyard-page-cache']).toBe('hit');
  for (const res of [first, second]) {
    const html = await res.text();
    expect(html).toContain(`Kestrel ${stamp}`);
    expect(html).not.toContain(admin.email);
    expect(html).not.toContain(admin.name);
    // Every script carries this response's nonce, the one its policy names.
    const nonces = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
    expect([...nonces]).toEqual([nonceOf(res)]);
  }
  expect(nonceOf(first)).not.toBe(nonceOf(second));

  // An admin's change shows at once: the stamp changed, so the page is rendered again.
  const renamed = await page.request.patch(`/api/admin/products/${slug}`, {
    headers: sameOrigin,
    data: { name: `Kestrel ${stamp} renamed` },
  });
  expect(renamed.status(), await renamed.text()).toBe(200);
  const after = await anonymous.get(`/apis/${slug}`);
  expect(after.headers()['x-lanyard-page-cache']).toBe('miss');
  expect(await after.text()).toContain(`Kestrel ${stamp} renamed`);
  const search = await anonymous.get(`/apis?q=${encodeURIComponent(`kestrel ${stamp} renamed`)}`);
  expect(await search.text()).toContain(`/apis/${slug}`);

  // What the browser fetches for the reader: only the reader's own.
  expect(await (await anonymous.get('/api/account/me')).json()).toEqual({ user: null });
  const refused = await anonymous.get(`/api/catalog/${slug}/app-choices`);
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  expect(((await (await page.request.get('/api/account/me')).json()) as { user: { email: string } }).user.email).toBe(admin.email);
  expect((await page.request.get(`/api/catalog/${slug}/app-choices`)).status()).toBe(200);
  expect((await page.request.get(`/api/catalog/no-such-${stamp}/app-choices`)).status()).toBe(404);
  await anonymous.dispose();
});

test('a page served from memory runs its scripts: the consumer’s menus appear on it', async ({ page }) => {
  // The first view of a demo product writes its first version (lib/versions/versions.ts), a
  // change of the catalog; the page is kept from the view after it.
  await expect
    .poll(async () => (await page.request.get('/apis/tracks')).headers()['x-lanyard-page-cache'], { timeout: 10_000 })
    .toBe('hit');
  await signIn(page, consumer);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/apis/tracks' && r.request().resourceType() === 'document');
  await page.goto('/apis/tracks');
  expect((await answer).headers()['x-lanyard-page-cache']).toBe('hit');
  await expect(page.getByTestId('signed-in-user')).toContainText(consumer.email);
  await expect(page.getByText(/Call .* through the gateway/)).toBeVisible();
  // Signed in, the page does not offer to sign in.
  await expect(page.getByText('to subscribe an application and try this API.')).toHaveCount(0);
});

test('the shells a signed-in reader is sent hold nothing of theirs, and their data arrives from the browser', async ({ browser }) => {
  const consumerPage = await (await browser.newContext({ extraHTTPHeaders: sameOrigin })).newPage();
  await signIn(consumerPage, consumer);
  const appName = `Shell check ${stamp}`;
  const app = (await (await consumerPage.request.post('/api/apps', { data: { name: appName } })).json()) as { id: string };
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);

  const shells: [typeof consumerPage, typeof consumer, string][] = [
    [consumerPage, consumer, '/apps'],
    [consumerPage, consumer, `/apps/${app.id}`],
    ...['/admin', '/admin/apps', '/admin/subscriptions', '/admin/audit', '/admin/products', '/admin/users'].map(
      (p) => [adminPage, admin, p] as [typeof consumerPage, typeof consumer, string],
    ),
  ];
  for (const [reader, who, path] of shells) {
    const first = await reader.request.get(path);
    const second = await reader.request.get(path);
    expect(second.headers()['x-lanyard-page-cache'], path).toBe('hit');
    for (const res of [first, second]) {
      expect(res.status(), path).toBe(200);
      const html = await res.text();
      for (const own of [who.email, who.name, appName]) expect(html, `${path} holds ${own}`).not.toContain(own);
      expect([...new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]))], path).toEqual([nonceOf(res)]);
    }
  }
  // Served from memory, the pages still show the reader's data: the browser fetched it.
  await consumerPage.goto(`/apps/${app.id}`);
  await expect(consumerPage.getByRole('heading', { name: appName })).toBeVisible();
  await adminPage.goto('/admin/apps');
  await expect(adminPage.getByText(appName)).toBeVisible();
  await expect(adminPage.getByTestId('signed-in-user')).toContainText(admin.email);
  await adminPage.goto('/admin');
  await expect(adminPage.getByText('Pending approvals')).toBeVisible();
  await expect(adminPage.getByTestId('stat-applications')).toHaveText(/^\d/);
});
