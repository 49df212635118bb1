import { expect, test } from '@playwright/test';
import { signIn, signOut } from './support/sign-in';
import { consumer } from './support/users';
import { SPI_TOKEN } from './support/spi';

// Issue 2: sign-in through the embedded IdP with PKCE, the catalog, sign-out,
// a forged callback, and the token endpoint refusing an ungranted scope.

test('a consumer signs in with PKCE, reads the tracks docs and signs out', async ({ page, context }) => {
  const authorization = await signIn(page, consumer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorization.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  expect(authorization.searchParams.get('response_type')).toBe('code');
  await expect(page.getByText('Consumer', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'API catalog' }).click();
  await page.getByPlaceholder(/Search/).fill('track');
  await page.getByPlaceholder(/Search/).press('Enter');
  await expect(page.getByRole('link', { name: /Tracks API/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Petstore API/ })).toHaveCount(0);
  await page.getByRole('link', { name: /Tracks API/ }).click();
  await expect(page.getByRole('heading', { name: 'Tracks API', level: 1 })).toBeVisible();
  // Swagger UI renders the product's operations from its OpenAPI document.
  await expect(page.locator('.opblock-summary-path').first()).toBeVisible({ timeout: 20_000 });

  const sessionCookies = (await context.cookies()).filter((c) => c.name.includes('next-auth.session-token'));
  expect(sessionCookies).toHaveLength(1);

  await signOut(page);
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});

  // The old session cookie, replayed, opens nothing: the server deleted it.
  await context.addCookies(sessionCookies);
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a callback whose state was tampered with is refused with a readable page', async ({ page }) => {
  // Run the real flow up to the IdP's redirect back to the portal, without
  // following it (the API context shares the browser's cookies), then send
  // the browser to that callback with `state` changed.
  await page.goto('/signin');
  await page.getByRole('button', { name: /Continue with/ }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  const uid = new URL(page.url()).pathname.split('/').pop()!;
  let res = await page.request.post(`/oidc/interaction/${uid}/login`, {
    form: { email: consumer.email, password: consumer.password },
    maxRedirects: 0,
  });
  let location = res.headers().location ?? '';
  for (let hop = 0; hop < 6 && !location.includes('/api/auth/callback/'); hop++) {
    const interaction = location.match(/\/oidc\/interaction\/([^/?]+)/);
    res = interaction
      ? await page.request.post(`/oidc/interaction/${interaction[1]}/consent`, { form: { allow: 'yes' }, maxRedirects: 0 })
      : await page.request.get(location, { maxRedirects: 0 });
    location = res.headers().location ?? '';
  }
  const callback = new URL(location, page.url());
  expect(callback.searchParams.get('code')).toBeTruthy();
  callback.searchParams.set('state', `${callback.searchParams.get('state')}tampered`);
  await page.goto(callback.toString());

  await expect(page.getByRole('heading', { name: 'We couldn’t complete your sign-in' })).toBeVisible();
  await expect(page.getByText('OAuthCallback')).toBeVisible();
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
});

test('the token endpoint refuses a scope the client was not granted', async ({ request }) => {
  const discovery = await (await request.get('/oidc/.well-known/openid-configuration')).json();
  expect(discovery.code_challenge_methods_supported).toEqual(['S256']);

  // A client made through the IdP Connect SPI and granted `tracks` only.
  const spi = { authorization: `Bearer ${SPI_TOKEN}` };
  const created = await request.post('/api/spi/v1/applications', { headers: spi, data: { id: `e2e-scope-${Date.now()}` } });
  expect(created.status()).toBe(201);
  const { clientId, clientSecret } = await created.json();
  const put = await request.put(`/api/spi/v1/applications/${encodeURIComponent(clientId)}/api-products`, {
    headers: spi,
    data: { apiProducts: ['tracks'] },
  });
  expect(put.status()).toBe(204);

  const ask = (scope: string) =>
    request.post(discovery.token_endpoint, {
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      form: { grant_type: 'client_credentials', scope },
    });
  const refused = await ask('petstore');
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toBe('invalid_scope');
  const granted = await ask('tracks');
  expect(granted.status()).toBe(200);
  expect((await granted.json()).scope).toBe('tracks');
});
