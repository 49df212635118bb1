import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';
import { clientCredentials } from './support/token-endpoint';
import { consumer } from './support/users';

// Issue 5: the consumer's whole journey on the embedded IdP, in Chromium.
// Screenshots of each step land in test-results/journey/ for review.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/journey/${name}.png`, fullPage: true });

async function tryIt(page: Page, slug: string, appName: string, secret: string) {
  await page.goto(`/apis/${slug}`);
  const console = page.getByRole('region', { name: 'Try it' });
  const apps = console.getByLabel('Application');
  await apps.selectOption((await apps.locator('option', { hasText: appName }).getAttribute('value'))!);
  await console.getByLabel('Client secret').fill(secret);
  await console.getByRole('button', { name: 'Fetch token' }).click();
  await expect(console.getByLabel('Bearer token')).not.toHaveValue('');
  await console.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('try-it-status')).toBeVisible();
  return page.getByTestId('try-it-status');
}

test('create an app, subscribe, fetch a token, try it, unsubscribe, rotate and delete', async ({ page, request }) => {
  test.setTimeout(180_000);
  const appName = `Route planner ${Date.now()}`;
  await signIn(page, consumer);

  // Create: the secret is shown once, in a dialog.
  await page.getByRole('link', { name: 'My apps' }).click();
  await page.getByRole('button', { name: 'New application' }).first().click();
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByText('Give the application a name')).toBeVisible();
  await page.getByLabel('Name').fill(appName);
  await page.getByLabel('Description').fill('Plans routes through the Catstronomy tracks');
  await page.getByRole('button', { name: 'Create application' }).click();
  const secretBox = page.getByTestId('new-client-secret');
  await expect(secretBox).toBeVisible();
  const secret = (await secretBox.textContent())!.trim();
  const clientId = (await page.getByTestId('new-client-id').textContent())!.trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);
  await expect(page.getByText('It will not be shown again')).toBeVisible();
  await shot(page, '01-secret-once');
  await page.getByRole('button', { name: 'I’ve saved the secret' }).click();
  await expect(page.getByRole('heading', { name: appName, level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('credential-client-id')).toHaveText(clientId);
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByText(`••••••••${secret.slice(-4)}`)).toBeVisible();

  // Edit: the same rules as the API, shown inline; the new name shows at once.
  await page.getByRole('button', { name: 'Edit' }).click();
  const editName = page.getByRole('dialog').getByLabel('Name');
  await editName.fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog').getByText('Give the application a name')).toBeVisible();
  await editName.fill(`${appName} v2`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: `${appName} v2`, level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: `${appName} v2`, level: 1 })).toBeVisible();

  // Subscribe to tracks.
  await page.getByLabel('Subscribe to an API product').selectOption('tracks');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page.getByTestId('subscription-tracks')).toContainText('Approved');
  await expect(page.getByTestId('granted-scopes')).toContainText('tracks');
  await shot(page, '02-subscribed');

  // Token tool: the token holds tracks and not petstore.
  await page.getByRole('textbox', { name: 'Client secret' }).fill(secret);
  await page.getByRole('button', { name: 'Fetch token' }).click();
  await expect(page.getByTestId('token-scopes')).toHaveText('tracks');
  const claims = JSON.parse((await page.getByTestId('token-claims').textContent())!);
  expect(claims.scope.split(' ')).toContain('tracks');
  expect(claims.scope.split(' ')).not.toContain('petstore');
  expect(claims.client_id).toBe(clientId);
  await page.getByRole('button', { name: 'Verify signature' }).click();
  await expect(page.getByText(/^Valid: signed by a key/)).toBeVisible();
  await shot(page, '03-token');

  // Try it through the gateway: tracks 200, petstore 403.
  await expect(await tryIt(page, 'tracks', appName, secret)).toHaveText('200');
  await shot(page, '04-try-tracks');
  await expect(await tryIt(page, 'petstore', appName, secret)).toHaveText('403');
  await expect(page.getByText(/insufficient_scope/).first()).toBeVisible();
  await shot(page, '05-try-petstore');

  // Unsubscribe from tracks, subscribe to petstore: a new token lacks tracks.
  await page.goto('/apps');
  await page.getByRole('link', { name: new RegExp(appName) }).click();
  await page.getByRole('button', { name: 'Unsubscribe from Tracks API' }).click();
  await expect(page.getByTestId('subscription-tracks')).toHaveCount(0);
  expect((await clientCredentials(request, { id: clientId, secret }, 'tracks')).body.error).toBe('invalid_scope');
  await page.getByLabel('Subscribe to an API product').selectOption('petstore');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page.getByTestId('granted-scopes')).toContainText('petstore');
  await page.getByRole('textbox', { name: 'Client secret' }).fill(secret);
  await page.getByRole('button', { name: 'Fetch token' }).click();
  await expect(page.getByTestId('token-scopes')).toHaveText('petstore');

  // Rotate: old and new secrets both work until the old one is retired.
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  await expect(page.getByTestId('new-client-secret')).toBeVisible();
  const fresh = (await page.getByTestId('new-client-secret').textContent())!.trim();
  expect(fresh).not.toBe(secret);
  await shot(page, '06-rotated');
  await page.getByRole('button', { name: 'I’ve saved the secret' }).click();
  expect((await clientCredentials(request, { id: clientId, secret }, 'petstore')).status).toBe(200);
  expect((await clientCredentials(request, { id: clientId, secret: fresh }, 'petstore')).status).toBe(200);
  await page.getByRole('button', { name: `Retire secret ending ${secret.slice(-4)}` }).click();
  await expect(page.getByRole('button', { name: /Retire secret/ })).toHaveCount(0);
  expect((await clientCredentials(request, { id: clientId, secret }, 'petstore')).body.error).toBe('invalid_client');
  expect((await clientCredentials(request, { id: clientId, secret: fresh }, 'petstore')).status).toBe(200);

  // Delete: the client is gone from the IdP.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await shot(page, '07-delete-confirm');
  await page.getByRole('button', { name: 'Delete application' }).click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole('link', { name: new RegExp(appName) })).toHaveCount(0);
  expect((await clientCredentials(request, { id: clientId, secret: fresh }, 'petstore')).body.error).toBe('invalid_client');
});
