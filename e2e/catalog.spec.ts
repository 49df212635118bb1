import { expect, test, type Page } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin } from './support/users';

// The catalog in Chromium at more than one page of products: an admin
// publishes 40 through the admin API; then a browser with JavaScript turned
// off pages through them, searches (an operation summary), filters (tag,
// approval) and sorts, all through the URL the GET form and the pager links
// write; and a browser with JavaScript does the same search from the home
// page's link (docs/architecture.md, "Catalog and lists at scale").

const COUNT = 40;
const pad = (n: number) => String(n).padStart(2, '0');
const stamp = Date.now().toString(36);
const id = (n: number) => `zephyr-${stamp}-${pad(n)}`;
const name = (n: number) => `Zephyr ${stamp} ${pad(n)}`;

const document = (n: number) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: name(n), version: '1.0.0' },
    tags: n % 2 === 0 ? [{ name: `wind-${stamp}` }] : [],
    paths: {
      '/readings': {
        get: {
          tags: n % 2 === 0 ? [`wind-${stamp}`] : [],
          summary: n === 17 ? `Measure the gust ${stamp}` : 'List readings',
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  });

const cardNames = (page: Page) => page.getByTestId('product-card').locator('h3').allTextContents();

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await signIn(page, admin);
  for (let n = 1; n <= COUNT; n++) {
    const res = await page.request.post('/api/admin/products', {
      headers: sameOrigin,
      data: { apiProductId: id(n), name: name(n), description: `Wind product ${n}`, approvalRequired: n % 3 === 0, openapi: document(n) },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.close();
});

test('without JavaScript: pages, searches, filters and sorts through the URL', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(`/apis?q=${stamp}`);
  await expect(page.getByTestId('catalog-summary')).toHaveText(`Showing 1–25 of ${COUNT} APIs`);
  expect(await cardNames(page)).toEqual(Array.from({ length: 25 }, (_, k) => name(k + 1)));
  await page.getByRole('navigation', { name: 'Catalog pages' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`/apis\\?q=${stamp}&page=2$`));
  await expect(page.getByTestId('catalog-summary')).toHaveText(`Showing 26–40 of ${COUNT} APIs`);
  expect(await cardNames(page)).toEqual(Array.from({ length: 15 }, (_, k) => name(k + 26)));
  await expect(page.getByTestId('catalog-page')).toHaveText('Page 2 of 2');

  // The form is a plain GET: a search for words from one operation's summary.
  await page.getByLabel('Search APIs').fill(`gust ${stamp}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/apis\?q=gust/);
  expect(await cardNames(page)).toEqual([name(17)]);

  // Tag and approval filters with the search, then the other sort.
  await page.getByLabel('Search APIs').fill(stamp);
  await page.getByLabel('Tag').selectOption(`wind-${stamp}`);
  await page.getByLabel('Access').selectOption('required');
  await page.getByRole('button', { name: 'Search' }).click();
  const tagged = Array.from({ length: COUNT }, (_, k) => k + 1).filter((n) => n % 2 === 0 && n % 3 === 0);
  expect(await cardNames(page)).toEqual(tagged.map(name));
  await page.getByLabel('Sort by').selectOption('updated');
  await page.getByRole('button', { name: 'Search' }).click();
  expect(await cardNames(page)).toEqual([...tagged].reverse().map(name));

  await page.goto(`/apis?q=nothing-matches-${stamp}`);
  await expect(page.getByText(`No API matches “nothing-matches-${stamp}”`)).toBeVisible();
  await page.goto(`/apis?q=${stamp}&page=9`);
  await expect(page.getByText('There is no page 9')).toBeVisible();
  await context.close();
});

test('with JavaScript: from the home page to a search result', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Recently updated APIs' })).toBeVisible();
  // The home page shows a bounded set: the newest six, not the whole catalog.
  await expect(page.getByTestId('product-card')).toHaveCount(6);
  await expect(page.getByTestId('product-card').first()).toContainText(name(COUNT));
  await page.getByRole('link', { name: 'See the whole catalog →' }).click();
  await expect(page).toHaveURL(/\/apis$/);
  await page.getByLabel('Search APIs').fill(`gust ${stamp}`);
  await page.getByLabel('Search APIs').press('Enter');
  await expect(page.getByTestId('catalog-summary')).toHaveText('Showing 1–1 of 1 API');
  await page.getByRole('link', { name: new RegExp(name(17)) }).click();
  await expect(page.getByRole('heading', { name: name(17), level: 1 })).toBeVisible();
});
