import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// Issue 5, item 8: every route that reads or changes an app or a team answers
// 404 to someone who does not own it (never its data), and 401 to no one.

async function signedInRequest(browser: Browser, user: typeof consumer): Promise<APIRequestContext> {
  const context = await browser.newContext({ extraHTTPHeaders: sameOrigin });
  const page = await context.newPage();
  await signIn(page, user);
  return page.request;
}

test('another user’s app and team are unreachable through every route', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  // The owner (the demo admin, acting as an ordinary owner here) makes an app, a subscription, a team.
  const owner = await signedInRequest(browser, admin);
  const secretName = `Owner's secret app ${Date.now()}`;
  const app = await (await owner.post('/api/apps', { data: { name: secretName, description: 'private' } })).json();
  expect(app.id).toBeTruthy();
  expect((await owner.post(`/api/apps/${app.id}/subscriptions`, { data: { apiProductId: 'tracks' } })).status()).toBe(201);
  const detail = await (await owner.get(`/api/apps/${app.id}`)).json();
  const subId = detail.subscriptions[0].id;
  const secretId = detail.credentials.secrets[0].id;
  const team = await (await owner.post('/api/teams', { data: { name: `Owners only ${Date.now()}` } })).json();
  const ownerId = (await (await owner.get(`/api/teams/${team.id}`)).json()).members[0].userId;

  const routes: [string, string, unknown?][] = [
    ['GET', `/api/apps/${app.id}`],
    ['PATCH', `/api/apps/${app.id}`, { name: 'taken over' }],
    ['DELETE', `/api/apps/${app.id}`],
    ['POST', `/api/apps/${app.id}/subscriptions`, { apiProductId: 'petstore' }],
    ['DELETE', `/api/apps/${app.id}/subscriptions/${subId}`],
    ['POST', `/api/apps/${app.id}/secrets`],
    ['DELETE', `/api/apps/${app.id}/secrets/${secretId}`],
    ['POST', `/api/apps/${app.id}/token`, { clientSecret: app.clientSecret }],
    ['POST', `/api/apps/${app.id}/token/verify`, { token: 'x.y.z' }],
    ['POST', `/api/apps/${app.id}/token/introspect`, { token: 'x.y.z', clientSecret: app.clientSecret }],
    ['POST', `/api/apps/${app.id}/token/revoke`, { token: 'x.y.z', clientSecret: app.clientSecret }],
    ['GET', `/api/teams/${team.id}`],
    ['DELETE', `/api/teams/${team.id}`],
    ['POST', `/api/teams/${team.id}/members`, { email: consumer.email, role: 'owner' }],
    ['DELETE', `/api/teams/${team.id}/members/${ownerId}`],
  ];

  const intruder = await signedInRequest(browser, consumer);
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin });
  for (const [method, url, payload] of routes) {
    // Writes are JSON, even empty ones, as the portal's own client sends them.
    const data = payload ?? (method === 'POST' ? {} : undefined);
    const res = await intruder.fetch(url, { method, data });
    const body = await res.text();
    expect(res.status(), `${method} ${url}`).toBe(404);
    expect(JSON.parse(body).error.code).toBe('not_found');
    expect(body).not.toContain(secretName);
    expect(body).not.toContain(app.clientId);

    const anon = await anonymous.fetch(url, { method, data });
    expect(anon.status(), `anonymous ${method} ${url}`).toBe(401);
  }
  // The intruder's own list does not show it either; the pages say "not found".
  expect(await (await intruder.get('/api/apps')).text()).not.toContain(secretName);

  // Nothing changed for the owner.
  const after = await (await owner.get(`/api/apps/${app.id}`)).json();
  expect(after.name).toBe(secretName);
  expect(after.subscriptions).toHaveLength(1);
  expect(after.credentials.secrets).toHaveLength(1);
  expect((await (await owner.get(`/api/teams/${team.id}`)).json()).members).toHaveLength(1);
});

test('the app and team pages of another user say not found', async ({ browser, page }) => {
  const owner = await signedInRequest(browser, admin);
  const app = await (await owner.post('/api/apps', { data: { name: `Hidden ${Date.now()}` } })).json();
  const team = await (await owner.post('/api/teams', { data: { name: `Hidden team ${Date.now()}` } })).json();
  await signIn(page, consumer);
  await page.goto(`/apps/${app.id}`);
  await expect(page.getByRole('heading', { name: 'Application not found' })).toBeVisible();
  await page.goto(`/teams/${team.id}`);
  await expect(page.getByRole('heading', { name: 'Team not found' })).toBeVisible();
});

test('bad input gets a clear 400 in the one error shape, and nothing is created', async ({ page }) => {
  await signIn(page, consumer);
  const before = ((await (await page.request.get('/api/apps')).json()) as { total: number }).total;
  for (const data of [{}, { name: '' }, { name: 'x'.repeat(81) }, { name: 'ok', ownerTeamId: 'not-my-team' }]) {
    const res = await page.request.post('/api/apps', { data, headers: sameOrigin });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields ?? {}).length).toBeGreaterThan(0);
  }
  const notJson = await page.request.post('/api/apps', {
    headers: { 'content-type': 'application/json', ...sameOrigin },
    data: Buffer.from('{nope'),
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.message).toMatch(/not valid JSON/);
  expect(((await (await page.request.get('/api/apps')).json()) as { total: number }).total).toBe(before);
});
