import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

test.describe('as manager', () => {
  test.use({ storageState: authFile('manager') });

  test('gets a refusal for pages outside the role', async ({ page }) => {
    for (const path of [
      '/audit',
      '/candidates',
      '/settings/members',
      '/settings/api-keys',
      '/settings/risk',
      '/settings/vendor-reviews',
      '/settings/integrations',
      '/settings/webhooks',
      '/settings/connectors',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Back to the overview' })).toBeVisible();
      // Still inside the signed-in shell, as a manager.
      await expect(page.getByTestId('current-role')).toHaveText('Manager');
    }
  });

  test('sees the organization settings read-only', async ({ page }) => {
    await page.goto('/settings/organization');
    await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Organization name' })).toBeDisabled();
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('verifies the audit chain', async ({ page }) => {
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await (await hydrated(page.getByRole('button', { name: 'Verify chain' }))).click();
    await expect(page.getByRole('status')).toHaveText(/^Chain intact: \d+ entries verified$/);
  });

  test('shows "Page not found" for an unknown path', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  });
});
