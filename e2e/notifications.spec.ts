import { expect, test, type Browser, type Page } from '@playwright/test';
import { sameOrigin } from './support/same-origin';
import { signIn } from './support/sign-in';
import { admin, consumer } from './support/users';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

// Notifications in Chromium: a team owner adds a webhook (its secret shown
// once), sends a test event that the receiver verifies; a request for the
// Partner plan reaches the admins' bell and inbox; the approval reaches the
// consumer's bell and inbox and the team's webhook, signed, with the delivery
// in the log; mark-all-read clears the bell; preferences persist.
// Screenshots land in test-results/notifications/.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/notifications/${name}.png`, fullPage: true });

async function signedIn(browser: Browser, user: typeof admin): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, user);
  return page;
}

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(() => receiver?.stop());

test('webhooks, the bell and the inbox tell a team and the admins what happened', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const appName = `Hooked app ${stamp}`;
  // The admin has signed in before: admins are told of requests from then on.
  const ops = await signedIn(browser, admin);
  const dev = await signedIn(browser, consumer);

  let teamId = '';
  let secret = '';
  await test.step('a team owner adds a webhook; the signing secret is shown once', async () => {
    const team = await dev.request.post('/api/teams', { headers: sameOrigin, data: { name: `Hooks ${stamp}` } });
    expect(team.status()).toBe(201);
    teamId = ((await team.json()) as { id: string }).id;
    await dev.goto(`/teams/${teamId}`);
    await dev.getByLabel('Add a webhook').fill('ftp://example.com/x');
    await dev.getByRole('button', { name: 'Add webhook' }).click();
    await expect(dev.getByText('Use https (plain http only to localhost)')).toBeVisible();
    await dev.getByLabel('Add a webhook').fill(receiver.url);
    await dev.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = dev.getByRole('dialog', { name: 'Your webhook’s signing secret' });
    await expect(dialog).toBeVisible();
    secret = (await dialog.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await shot(dev, '01-webhook-secret');
    await dialog.getByRole('button', { name: 'I’ve saved the secret' }).click();
    await expect(dev.getByTestId('webhook-secret')).toHaveCount(0);
    await expect(dev.getByTestId('webhook')).toContainText(receiver.url);
  });

  await test.step('a test event reaches the receiver, signed, and shows as delivered', async () => {
    await dev.getByRole('button', { name: 'Send a test event' }).click();
    await expect.poll(() => receiver.received.filter((r) => r.event === 'ping').length, { timeout: 20_000 }).toBe(1);
    expect(receiver.received[0]!.signatureValid(secret)).toBe(true);
    expect(receiver.received[0]!.signatureValid('whsec_wrong')).toBe(false);
    await expect(dev.getByTestId('delivery').first()).toContainText('delivered', { timeout: 15_000 });
    await shot(dev, '02-delivery-log');
  });

  let appId = '';
  await test.step('the team’s app asks for the Partner plan, which needs an admin', async () => {
    const app = await dev.request.post('/api/apps', { headers: sameOrigin, data: { name: appName, ownerTeamId: teamId } });
    expect(app.status()).toBe(201);
    appId = ((await app.json()) as { id: string }).id;
    await dev.goto(`/apps/${appId}`);
    await dev.getByLabel('Subscribe to an API product').selectOption('tracks');
    const plan = dev.getByLabel('Plan', { exact: true });
    await plan.selectOption((await plan.locator('option', { hasText: 'Partner' }).getAttribute('value'))!);
    await dev.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(dev.getByTestId('subscription-tracks')).toContainText('Pending approval');
  });

  await test.step('the admins’ bell counts it and the inbox links to it; the admin approves', async () => {
    await ops.goto('/');
    await expect(ops.getByTestId('unread-count')).toBeVisible();
    await ops.getByTestId('notification-bell').click();
    await expect(ops.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    await expect(ops.getByTestId('notification').first()).toContainText(`${appName} asks for Tracks API`);
    await shot(ops, '03-admin-inbox');
    await ops.goto('/admin/approvals');
    await ops.getByRole('button', { name: new RegExp(`^Approve ${appName} for`) }).click();
    await ops.getByRole('dialog', { name: 'Approve subscription' }).getByRole('button', { name: 'Approve' }).click();
    await expect(ops.getByText(new RegExp(`Approved: ${appName}`))).toBeVisible();
  });

  await test.step('the consumer hears of the approval in the bell, the inbox and the team’s webhook', async () => {
    await dev.goto('/apps');
    await expect(dev.getByTestId('notification-bell')).toHaveAccessibleName(/Notifications, \d+ unread/);
    await dev.getByTestId('notification-bell').click();
    const first = dev.getByTestId('notification').first();
    await expect(first).toContainText(`${appName} may now call Tracks API`);
    await shot(dev, '04-consumer-inbox');
    await expect.poll(() => receiver.received.filter((r) => r.event === 'subscription.approved').length, { timeout: 30_000 }).toBe(1);
    const approved = receiver.received.find((r) => r.event === 'subscription.approved')!;
    expect(approved.signatureValid(secret)).toBe(true);
    expect(JSON.stringify(approved.body)).toContain(appName);

    await dev.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(dev.getByTestId('unread-count')).toHaveCount(0);
    await dev.reload();
    await expect(dev.getByTestId('notification-bell')).toHaveAccessibleName('Notifications');
  });

  await test.step('the delivery log lists the approval, and an owner can send it again', async () => {
    await dev.goto(`/teams/${teamId}`);
    await dev.getByRole('button', { name: 'Deliveries' }).click();
    const row = dev.getByTestId('delivery').filter({ hasText: 'subscription.approved' });
    await expect(row).toContainText('delivered');
    await row.getByRole('button', { name: 'Redeliver' }).click();
    await expect.poll(() => receiver.received.filter((r) => r.event === 'subscription.approved').length, { timeout: 30_000 }).toBe(2);
    const [once, again] = receiver.received.filter((r) => r.event === 'subscription.approved');
    expect(again!.delivery).not.toBe(once!.delivery);
    expect(again!.signatureValid(secret)).toBe(true);
    expect(once!.body).toEqual(again!.body);
  });

  await test.step('preferences: turning off an event in the portal sticks', async () => {
    await dev.goto('/account');
    const box = dev.getByRole('checkbox', { name: 'A secret of your app was rotated: in the portal' });
    await expect(box).toBeChecked();
    await box.uncheck();
    await expect(box).not.toBeChecked();
    await dev.waitForLoadState('networkidle');
    await dev.reload();
    await expect(dev.getByRole('checkbox', { name: 'A secret of your app was rotated: in the portal' })).not.toBeChecked();
    await shot(dev, '05-preferences');
  });
});
