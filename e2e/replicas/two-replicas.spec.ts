import { expect, test, type APIRequestContext, type Response } from '@playwright/test';
import { sameOrigin } from '../support/same-origin';
import { signIn } from '../support/sign-in';
import { admin, consumer } from '../support/users';

// Two portal replicas on one PostgreSQL behind a round-robin balancer
// (scripts/e2e-replicas.sh). Sessions, the embedded IdP's interactions and
// cookies, and every write must work whichever replica a request lands on;
// concurrent scope changes on one app, split across both, must leave the IdP
// holding exactly the approved subscriptions.

const servedBy = (r: Response | { headers(): Record<string, string> }) => r.headers()['x-served-by'];

test('a person signs in, creates an app and subscribes through the balancer, across both replicas', async ({ page }) => {
  const replicas = new Set<string>();
  page.on('response', (r) => {
    const who = servedBy(r);
    if (who) replicas.add(who);
  });
  await signIn(page, consumer);
  await page.goto('/apps');
  await page.getByRole('button', { name: 'New application' }).click();
  const name = `Balanced ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByTestId('new-client-secret')).toBeVisible();
  await page.getByRole('button', { name: 'I’ve saved the secret' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.getByLabel('Subscribe to an API product').selectOption({ label: 'Tracks API' });
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByTestId('subscription-tracks')).toContainText(/approved/i);
  await page.reload();
  await expect(page.getByTestId('subscription-tracks')).toContainText(/approved/i);
  expect([...replicas].sort()).toEqual(['replica1', 'replica2']);
});

test('concurrent subscribe and unsubscribe on one app, split across replicas, leave no drift and no 5xx', async ({ browser }) => {
  const contexts: APIRequestContext[] = [];
  for (const user of [consumer, admin]) {
    const context = await browser.newContext({ extraHTTPHeaders: sameOrigin });
    const page = await context.newPage();
    await signIn(page, user);
    contexts.push(page.request);
  }
  const [dev, adminApi] = contexts as [APIRequestContext, APIRequestContext];
  // More products to move between, published through the balancer.
  for (const id of ['weather', 'maps', 'news']) {
    const openapi = JSON.stringify({ openapi: '3.0.3', info: { title: id, version: '1' }, paths: {} });
    const res = await adminApi.post('/api/admin/products', { data: { apiProductId: id, name: `${id} API`, openapi } });
    expect([201, 400]).toContain(res.status());
  }
  const app = await (await dev.post('/api/apps', { data: { name: `Contended ${Date.now()}` } })).json();
  const products = ['tracks', 'petstore', 'weather', 'maps', 'news'];

  const statuses: number[] = [];
  const seen = new Set<string>();
  const operations = Array.from({ length: 24 }, async (_, i) => {
    const product = products[i % products.length]!;
    if (i % 3 === 2) {
      const detail = await (await dev.get(`/api/apps/${app.id}`)).json();
      const sub = (detail.subscriptions as { id: string; product: { apiProductId: string } }[]).find(
        (s) => s.product.apiProductId === product,
      );
      if (!sub) return;
      const res = await dev.delete(`/api/apps/${app.id}/subscriptions/${sub.id}`);
      statuses.push(res.status());
      seen.add(servedBy(res) ?? '');
    } else {
      const res = await dev.post(`/api/apps/${app.id}/subscriptions`, { data: { apiProductId: product } });
      statuses.push(res.status());
      seen.add(servedBy(res) ?? '');
    }
  });
  await Promise.all(operations);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(
    statuses.every((s) => [201, 204, 404, 409].includes(s)),
    JSON.stringify(statuses),
  ).toBe(true);
  expect([...seen].sort()).toEqual(['replica1', 'replica2']);

  // The IdP client may request exactly the approved subscriptions' scopes.
  const detail = await (await dev.get(`/api/apps/${app.id}`)).json();
  const approved = (detail.subscriptions as { status: string; product: { scope: string } }[])
    .filter((s) => s.status === 'approved')
    .map((s) => s.product.scope)
    .sort();
  expect([...detail.credentials.grantedScopes].sort()).toEqual(approved);
  const drift = await (await adminApi.get('/api/admin/drift')).json();
  expect(drift.issues, JSON.stringify(drift.scopeDrift)).toBe(0);
  expect(drift.clean).toBe(true);
});
