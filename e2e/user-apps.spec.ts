import { expect, test, type Page } from '@playwright/test';
import { startLoopbackSpa, type LoopbackSpa } from './support/loopback-spa';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { consumer } from './support/users';

// User-facing apps in Chromium on the embedded IdP: a spa app with a loopback
// redirect URI runs Authorization Code + PKCE as the consumer from its own
// origin; its token opens /gateway/tracks and not /gateway/petstore; refresh
// rotates and the old refresh token is refused; an unregistered redirect URI
// is refused at the IdP. Then the catalog's try-it console and the token tool
// sign in with the same app in a pop-up.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/user-apps/${name}.png`, fullPage: true });

let spa: LoopbackSpa;
test.beforeAll(async () => {
  spa = await startLoopbackSpa();
});
test.afterAll(() => spa?.stop());

async function spaResult(page: Page) {
  const result = page.locator('#result');
  await expect(result).not.toBeEmpty({ timeout: 15_000 });
  return JSON.parse((await result.textContent())!) as {
    status?: number;
    body?: Record<string, string>;
    error?: string;
    error_description?: string;
  };
}

test('a spa app signs the consumer in with code + PKCE from a loopback origin', async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const appName = `Route viewer ${Date.now()}`;
  await signIn(page, consumer);
  const issuer = `${baseURL}/oidc`;

  let appPath = '';
  let clientId = '';
  await test.step('create a spa app with a loopback redirect URI: inline errors first, no secret after', async () => {
    await page.goto('/apps');
    await page.getByRole('button', { name: 'New application' }).first().click();
    await page.getByLabel('Name').fill(appName);
    await page.getByRole('radio', { name: /Single-page app/ }).check();
    await page.getByRole('textbox', { name: 'Redirect URIs 1' }).fill('http://app.example.com/callback#x');
    await page.getByRole('button', { name: 'Create application' }).click();
    await expect(page.getByText(/may not contain a fragment/)).toBeVisible();
    await page.getByRole('textbox', { name: 'Redirect URIs 1' }).fill('http://app.example.com/callback');
    await page.getByRole('button', { name: 'Create application' }).click();
    await expect(page.getByText(/must use https/)).toBeVisible();
    await shot(page, '01-create-errors');
    await page.getByRole('textbox', { name: 'Redirect URIs 1' }).fill(spa.redirectUri);
    await page.getByRole('button', { name: 'Create application' }).click();
    await expect(page.getByRole('heading', { name: appName, level: 1 })).toBeVisible();
    await expect(page.getByTestId('new-client-secret')).toHaveCount(0);
    await expect(page.getByTestId('app-type').first()).toHaveText('Single-page app');
    await expect(page.getByText(/A public client: it holds no secret/)).toBeVisible();
    await expect(page.getByTestId('redirect-uris')).toHaveText(spa.redirectUri);
    clientId = (await page.getByTestId('credential-client-id').textContent())!.trim();
    appPath = new URL(page.url()).pathname;
  });

  await test.step('subscribe it to tracks', async () => {
    await page.getByLabel('Subscribe to an API product').selectOption('tracks');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(page.getByTestId('subscription-tracks')).toContainText('Approved');
    await shot(page, '02-spa-app');
  });

  let tokens: Record<string, string> = {};
  await test.step('the consumer signs in through the spa: consent names the product, the code comes back to the loopback origin', async () => {
    await page.goto(`${spa.origin}/?${new URLSearchParams({ issuer, client_id: clientId, scope: 'openid tracks' })}`);
    await expect(page.getByRole('heading', { name: /^Allow / })).toBeVisible();
    await expect(page.getByRole('list', { name: 'API products' })).toContainText('Tracks API');
    await shot(page, '03-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL(new RegExp(`^${spa.origin}/callback`));
    const answer = await spaResult(page);
    expect(answer.status, JSON.stringify(answer)).toBe(200);
    tokens = answer.body!;
    expect(tokens.scope).toBe('tracks');
    expect(tokens.refresh_token).toBeTruthy();
  });

  await test.step('its token opens /gateway/tracks and not /gateway/petstore', async () => {
    const auth = { authorization: `Bearer ${tokens.access_token}` };
    expect((await request.get('/gateway/tracks/tracks', { headers: auth })).status()).toBe(200);
    const petstore = await request.get('/gateway/petstore/pet/findByStatus?status=available', { headers: auth });
    expect(petstore.status()).toBe(403);
    expect(petstore.headers()['www-authenticate']).toMatch(/insufficient_scope/);
  });

  await test.step('refresh rotates: a new refresh token, and the old one is refused', async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    const refreshed = (await spaResult(page)).body!;
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await request.post(`${issuer}/token`, {
      form: { grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token! },
    });
    expect((await reuse.json()).error).toBe('invalid_grant');
  });

  await test.step('an unsubscribed product is refused, and an unregistered redirect URI never leaves the IdP', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${spa.origin}/?${new URLSearchParams({ issuer, client_id: clientId, scope: 'openid tracks petstore' })}`);
    const refused = await spaResult(page);
    expect(refused.error).toBe('invalid_scope');

    const authorize = new URL(`${issuer}/auth`);
    const params = {
      client_id: clientId,
      response_type: 'code',
      redirect_uri: `${spa.origin}/elsewhere`,
      scope: 'openid tracks',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
    await page.goto(authorize.href);
    await expect(page.getByText('invalid_redirect_uri')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await shot(page, '04-unregistered-redirect');
  });

  await test.step('the catalog’s try-it console signs in with the app in a pop-up', async () => {
    await page.goto(appPath);
    await page.getByRole('button', { name: 'Register it' }).click();
    await expect(page.getByTestId('redirect-uris')).toContainText('/try-it/callback');
    await page.goto('/apis/tracks');
    const console = page.getByRole('region', { name: 'Try it' });
    const apps = console.getByLabel('Application');
    await apps.selectOption((await apps.locator('option', { hasText: appName }).getAttribute('value'))!);
    const popup = page.waitForEvent('popup');
    await console.getByRole('button', { name: 'Sign in with this app' }).click();
    const signInWindow = await popup;
    // The consumer signed in to the IdP already; consent may be asked for the new redirect.
    await signInWindow
      .getByRole('button', { name: 'Allow' })
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    await expect(page.getByTestId('try-it-signed-in')).toContainText('tracks');
    await console.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByTestId('try-it-status')).toHaveText('200');
    await shot(page, '05-try-it-signed-in');
  });

  await test.step('the token tool signs in, refreshes, introspects and revokes the refresh token', async () => {
    await page.goto(appPath);
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in and get a token' }).click();
    await (
      await popup
    )
      .getByRole('button', { name: 'Allow' })
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    await expect(page.getByTestId('token-scopes')).toHaveText('tracks');
    const first = await page.getByTestId('refresh-token').inputValue();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('refresh-token')).not.toHaveValue(first);
    await page.getByRole('button', { name: 'Introspect refresh token' }).click();
    await expect(page.getByTestId('introspection')).toContainText('"active": true');
    await expect(page.getByTestId('token-limits')).toContainText('Introspection of the access token');
    await page.getByRole('button', { name: 'Revoke refresh token' }).click();
    await expect(page.getByText('Revocation accepted: the refresh token no longer works.')).toBeVisible();
    await shot(page, '06-token-tool');
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByText(/invalid_grant/)).toBeVisible();
  });

  await test.step('implicit is refused by name', async () => {
    const res = await page.request.post('/api/apps', { headers: sameOrigin, data: { name: 'Old style', type: 'implicit' } });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.fields.type).toMatch(/OAuth 2\.1 removes it/);
  });
});
