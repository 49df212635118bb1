import { expect, type Page, type Request } from '@playwright/test';
import type { DemoUser } from './users';

/**
 * Signs in through the portal's button and the embedded IdP's own pages, as a
 * person would. Returns the authorization request the browser sent to the IdP
 * so tests can check what it carried (PKCE, state).
 */
export async function signIn(page: Page, user: DemoUser): Promise<URL> {
  let authorization: URL | undefined;
  const watch = (req: Request) => {
    const url = new URL(req.url());
    if (url.pathname === '/oidc/auth') authorization ??= url;
  };
  page.on('request', watch);
  await page.goto('/signin');
  await page.getByRole('button', { name: /Continue with/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const allow = page.getByRole('button', { name: 'Allow' });
  // Consent is asked once per user and client; later sign-ins skip it.
  await Promise.race([
    allow.waitFor({ timeout: 15_000 }).then(() => allow.click()),
    page.getByTestId('signed-in-user').waitFor({ timeout: 15_000 }),
  ]).catch(() => undefined);
  await expect(page.getByTestId('signed-in-user')).toContainText(user.email);
  page.off('request', watch);
  if (!authorization) throw new Error('The browser never sent an authorization request to the IdP');
  return authorization;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible({ timeout: 15_000 });
}
