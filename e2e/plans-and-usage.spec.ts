import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// Plans and usage in Chromium: a consumer subscribes on a small plan, calls through
// try-it until the gateway refuses with 429 and the RateLimit fields, and
// sees the calls and the limit in the app's usage chart; an admin sees them
// in the console. Screenshots of both charts land in test-results/usage/.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/usage/${name}.png`, fullPage: true });

async function signedIn(browser: Browser, user: typeof admin): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, user);
  return page;
}

test('a small plan: 429 through try-it, then the calls and the limit in the charts', async ({ browser }) => {
  test.setTimeout(240_000);
  const appName = `Rate tester ${Date.now().toString(36)}`;
  const page = await signedIn(browser, consumer);

  let secret = '';
  await test.step('create an app and subscribe it to Tracks on the Sandbox plan', async () => {
    await page.goto('/apps');
    await page.getByRole('button', { name: 'New application' }).first().click();
    await page.getByLabel('Name').fill(appName);
    await page.getByRole('button', { name: 'Create application' }).click();
    secret = (await page.getByTestId('new-client-secret').textContent())!.trim();
    await page.getByRole('button', { name: 'I’ve saved the secret' }).click();
    await expect(page.getByTestId('usage-empty')).toContainText('No calls yet');
    await page.getByLabel('Subscribe to an API product').selectOption('tracks');
    const plan = page.getByLabel('Plan', { exact: true });
    await expect(plan.locator('option')).toHaveText([/^Starter/, /^Partner.*needs approval/, /^Sandbox/]);
    await plan.selectOption({ label: 'Sandbox — 3 requests per minute · 100 per day' });
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(page.getByTestId('subscription-tracks')).toContainText('Approved');
    await expect(page.getByTestId('plan-tracks')).toHaveText('Sandbox');
  });

  await test.step('the catalog shows the plans; try-it is refused with 429 on the fourth call in a minute', async () => {
    await page.goto('/apis/tracks');
    await expect(page.getByTestId('catalog-plan-sandbox')).toContainText('3 / minute');
    await expect(page.getByTestId('catalog-plan-partner')).toContainText('needs approval');
    const tryIt = page.getByRole('region', { name: 'Try it' });
    const apps = tryIt.getByLabel('Application');
    await apps.selectOption((await apps.locator('option', { hasText: appName }).getAttribute('value'))!);
    await tryIt.getByLabel('Client secret').fill(secret);
    await tryIt.getByRole('button', { name: 'Fetch token' }).click();
    await expect(tryIt.getByLabel('Bearer token')).not.toHaveValue('');
    for (const remaining of [2, 1, 0]) {
      await tryIt.getByRole('button', { name: 'Send request' }).click();
      await expect(page.getByTestId('try-it-header-ratelimit')).toContainText(`"sandbox-per-minute";r=${remaining};`);
      await expect(page.getByTestId('try-it-status')).toHaveText('200');
    }
    await tryIt.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByTestId('try-it-status')).toHaveText('429');
    await expect(page.getByTestId('try-it-header-retry-after')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('try-it-header-ratelimit-policy')).toHaveText(
      '"sandbox-per-minute";q=3;w=60, "sandbox-per-day";q=100;w=86400',
    );
    await expect(page.getByTestId('try-it-header-ratelimit')).toContainText('"sandbox-per-minute";r=0;');
    await expect(page.getByTestId('try-it-response')).toContainText('violated-policies');
    await page.getByTestId('try-it-response').scrollIntoViewIfNeeded();
    await shot(page, 'try-it-429');
  });

  await test.step('the app’s usage shows the calls, the 429 and the plan’s limit', async () => {
    await page.goto('/apps');
    await page.getByRole('link', { name: new RegExp(appName) }).click();
    const usage = page.getByTestId('usage-tracks');
    // The gateway writes what it counted every few seconds; the card polls.
    await expect(page.getByTestId('usage-calls-tracks')).toHaveText('4', { timeout: 45_000 });
    await expect(page.getByTestId('usage-limited-tracks')).toHaveText('1');
    await expect(usage.getByTestId('quota-used')).toHaveText('3 of 100');
    await expect(usage.getByTestId('calls-chart')).toContainText('Plan limit 3/minute');
    await usage.scrollIntoViewIfNeeded();
    await shot(page, 'consumer-usage');
    await page.getByRole('radio', { name: '24 hours' }).click();
    await expect(page.getByTestId('usage-calls-tracks')).toHaveText('4');
  });

  await test.step('the admin console ranks the product and the app, and draws the errors', async () => {
    const adminPage = await signedIn(browser, admin);
    await adminPage.goto('/admin/usage');
    await expect(adminPage.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
    await expect(adminPage.getByTestId('top-products')).toContainText('Tracks API');
    await expect(adminPage.getByTestId('top-apps')).toContainText(appName);
    await expect(adminPage.getByTestId('errors-chart')).toBeVisible();
    await shot(adminPage, 'admin-usage');
    await adminPage.goto('/admin/products/tracks');
    await expect(adminPage.getByTestId('plan-row-sandbox')).toContainText('3 requests per minute · 100 per day');
    await adminPage.getByTestId('plan-row-sandbox').scrollIntoViewIfNeeded();
    await shot(adminPage, 'admin-plans');
  });
});
