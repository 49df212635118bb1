import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// Issue 16 in the browser: a personal token made on /account (shown once,
// usable at /api/v1, revoked at once), a service token from the admin
// console publishing a product and a new version of it through /api/v1, the
// product page's changelog and any version, and the catalog marking a
// deprecated product. Screenshots go to test-results/automation/.

const run = Date.now().toString(36);

const doc = (withWeek: boolean) => `openapi: 3.0.3
info:
  title: Weather ${run}
  version: ${withWeek ? '1.0.0' : '2.0.0'}
  description: Forecasts for e2e.
paths:
  /now:
    get:
      responses:
        '200': { description: OK }
${withWeek ? "  /week:\n    get:\n      responses:\n        '200': { description: OK }\n" : ''}`;

async function newToken(page: Page, name: string, scopes: string[]): Promise<string> {
  await page.getByLabel('New token').fill(name);
  for (const scope of scopes) await page.getByRole('checkbox', { name: new RegExp(`^${scope}`) }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-access-token');
  await expect(shown).toHaveText(/^lyd_[A-Za-z0-9_-]{43}$/);
  const token = (await shown.textContent())!;
  await page.getByRole('button', { name: 'I’ve saved the token' }).click();
  return token;
}

test('a personal token: created on the account page, shown once, works at /api/v1, revoked at once', async ({ page }) => {
  await signIn(page, consumer);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Access tokens' })).toBeVisible();
  // A consumer is not offered scopes their account cannot use.
  await expect(page.getByRole('checkbox', { name: /^products:write/ })).toHaveCount(0);
  const token = await newToken(page, `laptop ${run}`, ['apps:read']);
  const row = page.getByTestId('access-token').filter({ hasText: `laptop ${run}` });
  await expect(row).toContainText(token.slice(0, 8));
  await expect(page.getByText(token)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/automation/account-tokens.png', fullPage: true });

  const apps = await page.request.get('/api/v1/apps', { headers: { authorization: `Bearer ${token}` } });
  expect(apps.status()).toBe(200);
  expect(await apps.json()).toHaveProperty('items');
  // No cookie works at /api/v1: the page's own session is not a credential there.
  expect((await page.request.get('/api/v1/apps')).status()).toBe(401);

  await row.getByRole('button', { name: `Revoke laptop ${run}` }).click();
  await expect(row).toContainText('revoked');
  expect((await page.request.get('/api/v1/apps', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test('a service token publishes and republishes; the product page shows the changelog and any version; deprecation marks the catalog', async ({
  page,
}) => {
  await signIn(page, admin);
  await page.goto('/admin/tokens');
  const token = await newToken(page, `CI ${run}`, ['products:write']);
  const auth = { authorization: `Bearer ${token}` };
  const id = `weather-${run}`;

  const first = await page.request.post(`/api/v1/products?id=${id}`, {
    headers: { ...auth, 'content-type': 'application/yaml' },
    data: doc(true),
  });
  expect(first.status()).toBe(201);
  const second = await page.request.put(`/api/v1/products/${id}/openapi`, {
    headers: { ...auth, 'content-type': 'application/yaml' },
    data: doc(false),
  });
  expect(second.status()).toBe(200);
  expect((await second.json()).version).toMatchObject({ number: 2, breaking: true });

  await page.goto(`/apis/${id}`);
  const changelog = page.getByRole('region', { name: 'Changelog' }).or(page.locator('[aria-labelledby="changelog-title"]'));
  await expect(changelog).toContainText('Version 2');
  await expect(changelog).toContainText('Breaking');
  await expect(changelog).toContainText('Removed GET /week');
  await changelog.getByRole('link', { name: 'Version 1' }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${id}\\?version=1$`));
  await expect(page.getByText('You are looking at version 1 (1.0.0).')).toBeVisible();
  await page.screenshot({ path: 'test-results/automation/changelog.png', fullPage: true });

  const deprecated = await page.request.put(`/api/v1/products/${id}/deprecation`, {
    headers: { ...auth, 'content-type': 'application/json' },
    data: { sunset: '2030-06-30' },
  });
  expect(deprecated.status()).toBe(200);
  await page.goto('/apis');
  await expect(page.getByTestId('product-card').filter({ hasText: `Weather ${run}` })).toContainText('Deprecated: ends 2030-06-30');
  // The portal's own API is in the catalog too.
  await expect(page.getByTestId('product-card').filter({ hasText: 'Lanyard API' })).toBeVisible();
  await page.goto(`/apis/${id}`);
  await expect(page.getByText(/is deprecated/).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/automation/deprecated.png', fullPage: true });
});
