import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { SPI_TOKEN } from './support/spi';
import { admin, consumer } from './support/users';

// Issue 6, end to end as the demo admin and the demo consumer, each in their
// own browser context: publish an approval-required product with an OpenAPI
// file → it is in the catalog → the consumer's app subscribes and waits →
// the admin approves with a reason → the consumer's token carries the scope →
// the audit log shows every step → the drift report is clean; then the app's
// client is deleted in the IdP behind the portal's back (SPI over HTTP), the
// drift report shows it and reconcile repairs it.

const FIXTURES = 'e2e/fixtures';
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/admin-${name}.png`, fullPage: true });

async function signedIn(browser: Browser, user: typeof admin): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

test('an admin publishes a product, approves a subscription and repairs drift', async ({ browser }) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const productId = `weather-${suffix}`;
  const productName = `Weather ${suffix}`;
  const appName = `Forecaster ${suffix}`;

  const adminPage = await signedIn(browser, admin);
  const devPage = await signedIn(browser, consumer);

  await test.step('an invalid OpenAPI file gets an inline error and publishes nothing', async () => {
    await adminPage.goto('/admin');
    await expect(adminPage.getByRole('heading', { name: 'Admin console' })).toBeVisible();
    await shot(adminPage, 'overview');
    await adminPage.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'API products' }).click();
    await expect(adminPage.getByRole('heading', { name: 'API products' })).toBeVisible();
    await expect(adminPage.getByTestId('product-row-tracks')).toBeVisible();
    await shot(adminPage, 'products');
    await adminPage.getByRole('link', { name: 'New product' }).click();
    await expect(adminPage.getByRole('heading', { name: 'Publish an API product' })).toBeVisible();

    // Nothing filled in: every required field says what it needs.
    await adminPage.getByRole('button', { name: 'Publish product' }).click();
    await expect(adminPage.locator('#product-id-error')).toContainText('Give the product an id');
    await expect(adminPage.locator('#product-openapi-error')).toContainText('Upload an OpenAPI 3 document');

    await adminPage.getByLabel('API product id').fill(productId);
    await adminPage.getByLabel('Name').fill(productName);
    await adminPage.getByLabel('OpenAPI document').setInputFiles(`${FIXTURES}/invalid.openapi.json`);
    await adminPage.getByRole('button', { name: 'Publish product' }).click();
    await expect(adminPage.locator('#product-openapi-error')).toContainText('DoesNotExist');
    await expect(adminPage.getByLabel('OpenAPI document')).toHaveAttribute('aria-invalid', 'true');
    await shot(adminPage, 'product-invalid-openapi');
    expect((await adminPage.request.get(`/api/admin/products/${productId}`)).status()).toBe(404);
  });

  await test.step('publishing a valid one creates the scope and the catalog entry', async () => {
    await adminPage.getByLabel('OpenAPI document').setInputFiles(`${FIXTURES}/weather.openapi.json`);
    await adminPage.getByLabel('Description').fill('Forecasts by city, for partners.');
    await adminPage.getByLabel('Version').fill('');
    await adminPage.getByRole('checkbox', { name: /need an admin’s approval/ }).check();
    await adminPage.getByRole('button', { name: 'Publish product' }).click();
    await expect(adminPage).toHaveURL(new RegExp(`/admin/products/${productId}$`));
    await expect(adminPage.getByRole('heading', { name: productName, level: 1 })).toBeVisible();
    await expect(adminPage.getByText('Approval required')).toBeVisible();
    await expect(adminPage.getByText('v1.4.0')).toBeVisible();
    await expect(adminPage.getByText('Weather API · OpenAPI 3.0.3 · 2 operations')).toBeVisible();
    await shot(adminPage, 'product-detail');

    const download = adminPage.waitForEvent('download');
    await adminPage.getByTestId('download-gateway-policy').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^lanyard-weather-${suffix}-[0-9a-f]{8}\\.yaml$`));
    const yaml = readFileSync(await file.path(), 'utf8');
    expect(yaml).toContain('kind: ExtAuthPolicy');
    expect(yaml).toContain(`lanyard/required-scope: ${productId}`);

    await adminPage.goto('/admin/scopes');
    await expect(adminPage.getByTestId(`scope-row-${productId}`)).toContainText(productId);
    await expect(adminPage.getByTestId(`scope-row-${productId}`)).toContainText('no client');
    await shot(adminPage, 'scopes');

    await devPage.goto('/apis');
    await expect(devPage.getByRole('link', { name: new RegExp(productName) })).toBeVisible();
  });

  let appId = '';
  let secret = '';
  await test.step('the consumer creates an app and subscribes; the subscription waits', async () => {
    await devPage.goto('/apps');
    await devPage.getByRole('button', { name: 'New application' }).click();
    await devPage.getByLabel('Name').fill(appName);
    await devPage.getByRole('button', { name: 'Create application' }).click();
    secret = (await devPage.getByTestId('new-client-secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    await devPage.getByRole('button', { name: 'I’ve saved the secret' }).click();
    await expect(devPage).toHaveURL(/\/apps\/[\w-]+$/);
    appId = new URL(devPage.url()).pathname.split('/').pop()!;

    await devPage.getByLabel('Subscribe to an API product').selectOption({ label: `${productName} (needs approval)` });
    await devPage.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(devPage.getByTestId(`subscription-${productId}`)).toContainText('Pending approval');
  });

  await test.step('the admin approves it with a reason', async () => {
    await adminPage.goto('/admin');
    await adminPage
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: /Approvals/ })
      .click();
    await expect(adminPage.getByTestId(`approval-${appName}`)).toContainText(productName);
    await shot(adminPage, 'approvals');
    await adminPage.getByRole('button', { name: `Approve ${appName} for ${productName}` }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Approve subscription' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Reason (optional)').fill('Partner contract signed');
    await shot(adminPage, 'approve-dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(adminPage.getByText(`Approved: ${appName} → ${productName}`)).toBeVisible();
    await expect(adminPage.getByTestId(`approval-${appName}`)).toHaveCount(0);
  });

  await test.step('the consumer sees the decision and the token holds the scope', async () => {
    await devPage.reload();
    const row = devPage.getByTestId(`subscription-${productId}`);
    await expect(row).toContainText('Approved');
    await expect(row).toContainText('Partner contract signed');
    await devPage.getByRole('textbox', { name: 'Client secret' }).fill(secret);
    await devPage.getByRole('button', { name: 'Fetch token' }).click();
    await expect(devPage.getByTestId('token-scopes')).toHaveText(productId);
    await expect(devPage.getByText(/An admin recreated this app’s OAuth client/)).toHaveCount(0);
  });

  await test.step('the admin lists find the app by product, status and owner', async () => {
    await adminPage.goto('/admin/apps');
    await expect(adminPage.getByTestId('pager-summary')).toContainText('applications');
    await adminPage.getByLabel('Subscribed to').selectOption({ label: productName });
    await expect(adminPage).toHaveURL(new RegExp(`product=${productId}`));
    await expect(adminPage.getByTestId('pager-summary')).toHaveText('Showing 1–1 of 1 applications');
    await expect(adminPage.getByTestId(`app-row-${appId}`)).toContainText(appName);
    await adminPage.getByLabel('Subscription status').selectOption('rejected');
    await expect(adminPage.getByText('No application matches')).toBeVisible();
    await adminPage.getByRole('button', { name: 'Clear filters' }).click();
    await adminPage.getByLabel('Owner').fill(consumer.email);
    await expect(adminPage).toHaveURL(/owner=dev%40example\.com/);
    await expect(adminPage.getByTestId(`app-row-${appId}`)).toBeVisible();
    await shot(adminPage, 'apps');

    await adminPage.goto(`/admin/subscriptions?status=approved&product=${productId}`);
    await expect(adminPage.getByRole('table', { name: 'Subscriptions' })).toContainText('Partner contract signed');
    await expect(adminPage.getByTestId('pager-summary')).toHaveText('Showing 1–1 of 1 subscriptions');
    await shot(adminPage, 'subscriptions');

    await adminPage.goto('/admin/users?role=admin');
    await expect(adminPage.getByRole('table', { name: 'Users' })).toContainText(admin.email);
    await expect(adminPage.getByRole('table', { name: 'Users' })).not.toContainText(consumer.email);
    await shot(adminPage, 'users');
  });

  await test.step('the audit log shows each step', async () => {
    await adminPage.goto(`/admin/audit?target=${appId}`);
    const actions = adminPage.getByTestId('audit-row');
    await expect(actions.first()).toBeVisible();
    for (const action of ['application.create', 'subscription.create', 'subscription.approve', 'token.fetch']) {
      await expect(adminPage.locator(`[data-testid="audit-row"][data-action="${action}"]`).first()).toBeVisible();
    }
    await shot(adminPage, 'audit');
    await adminPage.goto(`/admin/audit?action=product.create&target=${productId}`);
    await expect(adminPage.locator('[data-testid="audit-row"][data-action="product.create"]')).toContainText(admin.email);

    const csv = await adminPage.request.get(`/api/admin/audit.csv?target=${appId}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="lanyard-audit-/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,actor,action,target_type,target_id,outcome,idp_request_id,detail');
    expect(lines.some((l) => l.includes(',subscription.approve,application,') && l.includes(admin.email))).toBe(true);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect((await adminPage.request.fetch('/api/admin/audit', { method })).status()).toBe(405);
    }
  });

  await test.step('the drift report is clean', async () => {
    await adminPage.goto('/admin/drift');
    await expect(adminPage.getByTestId('drift-status')).toHaveText('The portal and the identity provider agree');
    await shot(adminPage, 'drift-clean');
  });

  await test.step('a client deleted behind the portal’s back shows as drift, and reconcile repairs it', async () => {
    const clientBefore = (await devPage.getByTestId('credential-client-id').textContent())!.trim();
    const deleted = await adminPage.request.delete(`/api/spi/v1/applications/${appId}`, {
      headers: { authorization: `Bearer ${SPI_TOKEN}` },
    });
    expect(deleted.status()).toBe(204);

    await adminPage.getByRole('button', { name: 'Check again' }).click();
    await expect(adminPage.getByTestId('drift-status')).toHaveText('1 difference found');
    await expect(adminPage.getByTestId('drift-missing-clients')).toContainText(appName);
    await expect(adminPage.getByTestId('drift-missing-clients')).toContainText(productId);

    await adminPage.getByRole('button', { name: 'Dry run' }).click();
    await expect(adminPage.getByTestId('reconcile-result-title')).toHaveText('Dry run: what reconcile would do');
    await expect(adminPage.locator('[data-testid="reconcile-action"][data-kind="recreate_client"][data-status="planned"]')).toContainText(
      appName,
    );
    await expect(adminPage.getByTestId('drift-status')).toHaveText('1 difference found');
    await shot(adminPage, 'drift-dry-run');

    await adminPage.getByRole('button', { name: 'Reconcile', exact: true }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Reconcile now?' });
    await expect(dialog.getByRole('list', { name: 'Planned actions' })).toContainText(`Recreate the client of ${appName}`);
    await shot(adminPage, 'drift-confirm');
    await dialog.getByRole('button', { name: 'Reconcile now' }).click();
    await expect(adminPage.getByTestId('reconcile-result-title')).toHaveText('Reconciled');
    await expect(adminPage.locator('[data-testid="reconcile-action"][data-kind="recreate_client"][data-status="done"]')).toContainText(
      'the owner must rotate',
    );
    await expect(adminPage.getByTestId('drift-status')).toHaveText('The portal and the identity provider agree');
    await shot(adminPage, 'drift-reconciled');

    await adminPage.goto(`/admin/audit?action=drift.*`);
    await expect(adminPage.locator('[data-testid="audit-row"][data-action="drift.recreate_client"]').first()).toContainText(appId);

    // The owner's app has a new client with the approved scope; rotating gives them a working secret.
    await devPage.reload();
    const clientAfter = (await devPage.getByTestId('credential-client-id').textContent())!.trim();
    expect(clientAfter).not.toBe(clientBefore);
    await expect(devPage.getByTestId('granted-scopes')).toContainText(productId);
    await expect(devPage.getByText(/An admin recreated this app’s OAuth client/)).toBeVisible();
    await devPage.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = (await devPage.getByTestId('new-client-secret').textContent())!.trim();
    await devPage.getByRole('button', { name: 'I’ve saved the secret' }).click();
    await devPage.getByRole('textbox', { name: 'Client secret' }).fill(rotated);
    await devPage.getByRole('button', { name: 'Fetch token' }).click();
    await expect(devPage.getByTestId('token-scopes')).toHaveText(productId);
    await expect(devPage.getByText(/An admin recreated this app’s OAuth client/)).toHaveCount(0);
  });

  await test.step('the admin edits the product, then deletes it after confirming the subscribed app', async () => {
    await adminPage.goto(`/admin/products/${productId}`);
    await adminPage.getByRole('link', { name: 'Edit' }).click();
    await expect(adminPage.getByRole('heading', { name: `Edit ${productName}` })).toBeVisible();
    await expect(adminPage.getByLabel('API product id')).toBeDisabled();
    await adminPage.getByLabel('Name').fill('');
    await adminPage.getByRole('button', { name: 'Save changes' }).click();
    await expect(adminPage.locator('#product-name-error')).toHaveText('Give the product a name');
    await adminPage.getByLabel('Name').fill(`${productName} (beta)`);
    await shot(adminPage, 'product-edit');
    await adminPage.getByRole('button', { name: 'Save changes' }).click();
    await expect(adminPage.getByRole('heading', { name: `${productName} (beta)`, level: 1 })).toBeVisible();

    await adminPage.getByRole('button', { name: 'Delete' }).click();
    const dialog = adminPage.getByRole('dialog', { name: `Delete ${productName} (beta)?` });
    await expect(dialog.getByRole('list', { name: 'Subscribed applications' })).toContainText(appName);
    await expect(dialog).toContainText('1 application is subscribed');
    await shot(adminPage, 'product-delete-dialog');
    await adminPage.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Without the confirmation the API refuses.
    expect((await adminPage.request.delete(`/api/admin/products/${productId}`, { headers: sameOrigin })).status()).toBe(409);
    await adminPage.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete and end 1 subscription' }).click();
    await expect(adminPage).toHaveURL(/\/admin\/products$/);
    await expect(adminPage.getByTestId(`product-row-${productId}`)).toHaveCount(0);

    await devPage.reload();
    await expect(devPage.getByTestId(`subscription-${productId}`)).toHaveCount(0);
    await expect(devPage.getByTestId('granted-scopes')).not.toContainText(productId);
    await adminPage.goto('/admin/drift');
    await expect(adminPage.getByTestId('drift-status')).toHaveText('The portal and the identity provider agree');
  });
});
