import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';
import { admin } from './support/users';

// Lanyard ID accounts without demo passwords: an admin adds a person, the
// person sets their own password through the one-time link and signs in,
// changes it, and once disabled is signed out and kept out.

async function signInWith(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByRole('button', { name: /Continue with/ }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin adds a person who sets a password, signs in, changes it, and is locked out when disabled', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `new-${Date.now()}@example.com`;
  await signIn(page, admin);
  await page.goto('/admin/people');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill('New Person');
  await page.getByRole('button', { name: 'Add' }).click();
  const link = (await page.getByTestId('password-link').textContent())!;
  expect(link).toMatch(/\/account\/set-password\?token=[\w-]{43}$/);
  await expect(page.getByTestId(`person-${email}`)).toContainText('Invited');

  const person = await (await browser.newContext()).newPage();
  await person.goto(link);
  await person.getByLabel('New password', { exact: true }).fill('too short');
  await person.getByLabel('The same password again').fill('too short');
  await person.getByRole('button', { name: 'Set password' }).click();
  await expect(person.getByText(/at least 12 characters/)).toBeVisible();
  await person.getByLabel('New password', { exact: true }).fill('correct horse battery');
  await person.getByLabel('The same password again').fill('correct horse battery');
  await person.getByRole('button', { name: 'Set password' }).click();
  await expect(person.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
  // The link worked once.
  await person.goto(link);
  await person.getByLabel('New password', { exact: true }).fill('another fine password');
  await person.getByLabel('The same password again').fill('another fine password');
  await person.getByRole('button', { name: 'Set password' }).click();
  await expect(person.getByText(/expired or was already used/)).toBeVisible();

  await signInWith(person, email, 'correct horse battery');
  const allow = person.getByRole('button', { name: 'Allow' });
  if (await allow.isVisible().catch(() => false)) await allow.click();
  await expect(person.getByTestId('signed-in-user')).toContainText(email);
  await person.goto('/account');
  await person.getByLabel('Current password').fill('correct horse battery');
  await person.getByLabel('New password').fill('even better horse battery');
  await person.getByRole('button', { name: 'Change password' }).click();
  await expect(person.getByText('Your password is changed')).toBeVisible();

  await page.reload();
  await page.getByTestId(`person-${email}`).getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId(`person-${email}`)).toContainText('Disabled');
  // Signed out at once, and the password no longer opens anything.
  await person.goto('/apps');
  await expect(person).toHaveURL(/\/signin/);
  await signInWith(person, email, 'even better horse battery');
  await expect(person.getByText(/don’t match an account/)).toBeVisible();
});
