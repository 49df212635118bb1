import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { E2E_ORIGIN, sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// The security review's findings, tried in Chromium against the running
// portal as the reviewer tried them (docs/security.md lists each finding).

/** Collects every CSP violation the browser reports on a page. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

test('pages, Swagger UI and the IdP pages work under the CSP with no violation reported', async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto('/');
  await signIn(page, consumer);
  await page.goto('/apis/tracks');
  await expect(page.locator('.opblock-summary-path').first()).toBeVisible({ timeout: 20_000 });
  await page.goto('/apps');
  await expect(page.getByRole('heading', { name: 'My apps' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('every response carries the security headers; the IdP pages refuse to be framed and send no referrer', async ({ request }) => {
  for (const path of ['/', '/apis', '/signin', '/oidc/.well-known/openid-configuration', '/api/health']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'strict-dynamic'/);
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['permissions-policy'], path).toContain('camera=()');
    expect(h['referrer-policy'], path).toBe(path.startsWith('/oidc') ? 'no-referrer' : 'strict-origin-when-cross-origin');
  }
  // A fresh nonce per response.
  const [a, b] = await Promise.all([request.get('/'), request.get('/')]);
  expect(a.headers()['content-security-policy']).not.toBe(b.headers()['content-security-policy']);
});

test('a signed-in page does not render inside another site’s frame', async ({ page, context }) => {
  await signIn(page, consumer);
  // A page of another site, with no policy of its own, frames the portal's /apps.
  const framer = await context.newPage();
  await framer.route('http://evil.example/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe src="${E2E_ORIGIN}/apps" width="800" height="600"></iframe>` }),
  );
  await framer.goto('http://evil.example/');
  // Chromium swaps a refused frame for its error page: nothing of /apps is in it.
  const frame = (await framer.locator('iframe').elementHandle())!;
  await expect.poll(async () => (await frame.contentFrame())?.url()).toMatch(/^chrome-error:/);
  expect(await (await frame.contentFrame())!.locator('[data-testid="signed-in-user"]').count()).toBe(0);
});

test('CSRF: a same-site page cannot add a team owner, even with text/plain', async ({ page, playwright, baseURL }) => {
  await signIn(page, consumer);
  const team = await (await page.request.post('/api/teams', { data: { name: `CSRF target ${Date.now()}` }, headers: sameOrigin })).json();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const forger = await playwright.request.newContext({ baseURL });
  // The reviewer's reproduction: another origin, a form-like text/plain body, the victim's cookie.
  const forged = await forger.post(`/api/teams/${team.id}/members`, {
    headers: { cookie, origin: 'http://evil.example', 'content-type': 'text/plain' },
    data: JSON.stringify({ email: admin.email, role: 'owner' }),
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.message).toMatch(/Cross-site request refused/);
  // A sibling port is the same site, and is refused all the same.
  const sibling = await forger.post(`/api/teams/${team.id}/members`, {
    headers: { cookie, origin: E2E_ORIGIN.replace(/:\d+$/, ':3999'), 'content-type': 'application/json' },
    data: { email: admin.email, role: 'owner' },
  });
  expect(sibling.status()).toBe(403);
  const after = await (await page.request.get(`/api/teams/${team.id}`)).json();
  expect(after.members.map((m: { email: string }) => m.email)).toEqual([consumer.email]);
});

test('sign-in never redirects off the portal, whatever the callback says', async ({ page }) => {
  await signIn(page, consumer);
  for (const callbackUrl of [
    '%2F%09%2Fevil.example%2F',
    '%2F%0D%0A%2Fevil.example',
    '%2F%5Cevil.example',
    '%2F%2Fevil.example',
    'https%3A%2F%2Fevil.example',
  ]) {
    await page.goto(`/signin?callbackUrl=${callbackUrl}`);
    expect(new URL(page.url()).origin, callbackUrl).toBe(E2E_ORIGIN);
  }
  await page.goto('/signin?callbackUrl=%2Fapps');
  expect(new URL(page.url()).pathname).toBe('/apps');
});

test('a forged Host header does not move the IdP’s endpoints, and discovery may be cached', async ({ request }) => {
  const res = await request.get('/oidc/.well-known/openid-configuration', {
    headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
  });
  const discovery = await res.json();
  expect(discovery.issuer).toBe(`${E2E_ORIGIN}/oidc`);
  expect(discovery.token_endpoint).toBe(`${E2E_ORIGIN}/oidc/token`);
  expect(JSON.stringify(discovery)).not.toContain('evil.example');
});

test('a password is never checked outside a sign-in the browser started', async ({ request }) => {
  const right = await request.post('/oidc/interaction/anything/login', {
    form: { email: consumer.email, password: consumer.password },
    maxRedirects: 0,
  });
  const wrong = await request.post('/oidc/interaction/anything/login', {
    form: { email: consumer.email, password: 'not-it' },
    maxRedirects: 0,
  });
  expect(right.status()).toBe(wrong.status());
  // The same page, but for its per-response CSP nonce.
  const withoutNonce = async (r: typeof right) => (await r.text()).replace(/nonce="[^"]*"/g, '');
  expect(await withoutNonce(right)).toBe(await withoutNonce(wrong));
  expect(right.status()).toBe(400);
});

test('wrong passwords slow down with backoff and answer 429 with Retry-After', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: /Continue with/ }).click();
  const victim = `backoff-${Date.now()}@example.com`;
  let throttled: string | undefined;
  for (let attempt = 0; attempt < 12 && !throttled; attempt++) {
    await page.getByLabel('Email').fill(victim);
    await page.getByLabel('Password').fill(`guess-${attempt}`);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const res = await answer;
    if (res.status() === 429) throttled = res.headers()['retry-after'];
    else await expect(page.getByText(/email and password don’t match/)).toBeVisible();
  }
  // Five failures are free; the sixth, a moment later, must wait.
  expect(throttled).toMatch(/^\d+$/);
  await expect(page.getByRole('heading', { name: 'Too many sign-in attempts' })).toBeVisible();
  await expect(page.getByText(/try again in \d+ second/)).toBeVisible();
});

test('no page can sign a person out of the IdP behind their back', async ({ page }) => {
  await signIn(page, consumer);
  // Any page may navigate the browser here; the IdP asks instead of ending the session.
  await page.goto('/oidc/session/end');
  await expect(page.getByRole('heading', { name: 'Sign out of Lanyard ID?' })).toBeVisible();
  await page.getByRole('link', { name: 'Stay signed in' }).click();
  // Still signed in at the IdP: a new portal sign-in needs no password.
  await page.context().clearCookies({ name: /next-auth/ });
  await page.goto('/signin');
  await page.getByRole('button', { name: /Continue with/ }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(consumer.email);
});
