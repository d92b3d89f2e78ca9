import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  expectNav,
  hydrated,
  mainNav,
  ROLES,
  signIn,
  submitSignIn,
  USERS,
} from './helpers';

const GENERIC_ERROR = 'Email or password is incorrect, or the account is temporarily locked.';

test.describe('sign-in and navigation by role', () => {
  for (const role of ROLES) {
    test(`${role} signs in, sees exactly its navigation and signs out`, async ({ page }) => {
      const user = USERS[role];
      await signIn(page, user.email);

      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByTestId('current-role')).toHaveText(user.roleLabel);
      await expect(page.getByRole('banner')).toContainText(user.name);
      await expectNav(page, user.nav);
      await expect(mainNav(page).getByRole('link', { name: 'Overview' })).toHaveAttribute(
        'aria-current',
        'page',
      );

      // The current-page marker follows navigation.
      await mainNav(page).getByRole('link', { name: 'Organization' }).click();
      await expect(page).toHaveURL(/\/settings\/organization$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Organization' })).toBeVisible();
      await expect(mainNav(page).getByRole('link', { name: 'Organization' })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expect(mainNav(page).getByRole('link', { name: 'Overview' })).not.toHaveAttribute(
        'aria-current',
        'page',
      );

      await (await hydrated(page.getByRole('button', { name: 'Sign out' }))).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

      // The session is really gone: a signed-in page sends us back to sign-in.
      await page.goto('/settings/organization');
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Forganization$/);
    });
  }
});

test('a failed sign-in shows the generic error and stays on the sign-in page', async ({ page }) => {
  // An address no other test uses, so no demo account comes anywhere near the lockout.
  await page.goto('/sign-in');
  await submitSignIn(page, 'nobody@acme.test', 'not-the-password-at-all');

  // (Next.js also renders an empty role=alert route announcer; match ours by its text.)
  await expect(page.getByRole('alert').filter({ hasText: GENERIC_ERROR })).toHaveText(
    GENERIC_ERROR,
  );
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId('current-role')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
});

test('an unauthenticated visit redirects to sign-in and returns to the page asked for', async ({
  page,
}) => {
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faudit$/);

  await submitSignIn(page, USERS.compliance.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveText(USERS.compliance.roleLabel);
});
