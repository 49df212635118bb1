import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';

// Token exchange in Chromium on the embedded IdP: the Tracks API's
// backend (a service app) receives a caller's token and exchanges it (RFC
// 8693) for one whose audience is Petstore, after an admin declared on the
// product page that Tracks calls Petstore through that app. The exchanged
// token opens /gateway/petstore and not /gateway/tracks, and names the
// backend in `act`. Without a subscription to Petstore the exchange is refused.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/token-exchange/${name}.png`, fullPage: true });
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

async function signedIn(browser: Browser, user: typeof admin): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

async function serviceApp(page: Page, name: string, products: string[]) {
  const res = await page.request.post('/api/apps', { headers: sameOrigin, data: { name } });
  expect(res.status()).toBe(201);
  const app = (await res.json()) as { id: string; clientId: string; clientSecret: string };
  for (const apiProductId of products) {
    const sub = await page.request.post(`/api/apps/${app.id}/subscriptions`, { headers: sameOrigin, data: { apiProductId } });
    expect(sub.status()).toBe(201);
  }
  return app;
}

const basic = (app: { clientId: string; clientSecret: string }) =>
  `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;

async function tokenRequest(
  request: APIRequestContext,
  baseURL: string,
  app: { clientId: string; clientSecret: string },
  form: Record<string, string>,
) {
  const res = await request.post(`${baseURL}/oidc/token`, { headers: { authorization: basic(app) }, form });
  return { status: res.status(), body: (await res.json()) as Record<string, string> };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

test('an API exchanges its caller’s token for one audience-restricted to the product it calls', async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const devPage = await signedIn(browser, consumer);
  const adminPage = await signedIn(browser, admin);
  const caller = await serviceApp(devPage, `Caller ${suffix}`, ['tracks', 'petstore']);
  const backend = await serviceApp(devPage, `Tracks backend ${suffix}`, ['petstore']);

  await test.step('the admin declares that Tracks calls Petstore through the backend app', async () => {
    await adminPage.goto('/admin/products/tracks');
    const card = adminPage.getByRole('region', { name: 'Calls to other products' });
    await card.getByLabel('Calls').selectOption('petstore');
    await card.getByLabel('As application (id)').fill(caller.id.slice(0, 4));
    await card.getByRole('button', { name: 'Add' }).click();
    await expect(card.getByText('No application has this id')).toBeVisible();
    await card.getByLabel('As application (id)').fill(backend.id);
    await card.getByRole('button', { name: 'Add' }).click();
    await expect(card.getByTestId('product-calls')).toContainText(`Calls Petstore API as Tracks backend ${suffix}`);
    await shot(adminPage, '01-declared');
  });

  await test.step('the backend’s page shows the relationship', async () => {
    await devPage.goto(`/apps/${backend.id}`);
    await expect(devPage.getByTestId('token-exchange-relationships')).toContainText('Tracks API → Petstore API');
    await shot(devPage, '02-backend');
  });

  const subject = (await tokenRequest(request, baseURL!, caller, { grant_type: 'client_credentials' })).body.access_token!;
  const exchange = () =>
    tokenRequest(request, baseURL!, backend, {
      grant_type: GRANT,
      subject_token: subject,
      subject_token_type: ACCESS_TOKEN,
      resource: `${baseURL}/apis/petstore`,
    });

  await test.step('the audience moves to the downstream product, and act names the backend', async () => {
    const res = await exchange();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(claims(res.body.access_token!)).toMatchObject({
      aud: `${baseURL}/apis/petstore`,
      scope: 'petstore',
      sub: caller.clientId,
      client_id: backend.clientId,
      act: { sub: backend.clientId },
    });
    const auth = { authorization: `Bearer ${res.body.access_token}` };
    expect((await request.get('/gateway/petstore/pet/findByStatus?status=available', { headers: auth })).status()).toBe(200);
    expect((await request.get('/gateway/tracks/tracks', { headers: auth })).status()).toBe(401);
  });

  await test.step('without a subscription to the downstream product, the exchange is refused', async () => {
    const detail = await (await devPage.request.get(`/api/apps/${backend.id}`)).json();
    const sub = detail.subscriptions.find((s: { product: { apiProductId: string } }) => s.product.apiProductId === 'petstore');
    expect((await devPage.request.delete(`/api/apps/${backend.id}/subscriptions/${sub.id}`, { headers: sameOrigin })).status()).toBe(204);
    const refused = await exchange();
    expect(refused.body).toMatchObject({ error: 'invalid_target', error_description: expect.stringMatching(/not subscribed to petstore/) });
    await adminPage.reload();
    await expect(adminPage.getByText(/not subscribed to Petstore API: exchanges are refused/)).toBeVisible();
  });
});
