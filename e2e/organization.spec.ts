import { expect, test } from '@playwright/test';
import { authFile, hydrated, switchOrganization } from './helpers';

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('switches organization and back', async ({ page }) => {
    await page.goto('/');
    const select = page.getByRole('combobox', { name: 'Organization' });
    await expect(select.locator('option')).toHaveText([
      'Acme Exchange (admin)',
      'Borealis Custody (admin)',
    ]);
    await expect(select.locator('option:checked')).toHaveText('Acme Exchange (admin)');
    await expect(page.getByText('Acme Exchange: who is risky, what needs attention')).toBeVisible();

    await switchOrganization(page, 'Borealis Custody');
    await expect(select.locator('option:checked')).toHaveText('Borealis Custody (admin)');
    // Borealis has one member; its data is not Acme's.
    await expect(page.getByTestId('stat-members')).toHaveText('1');

    // The switch is part of the session: it survives a reload and shows on other pages.
    await page.reload();
    await expect(
      page.getByText('Borealis Custody: who is risky, what needs attention'),
    ).toBeVisible();
    await page.goto('/settings/organization');
    await expect(page.getByRole('textbox', { name: 'Organization name' })).toHaveValue(
      'Borealis Custody',
    );

    await page.goto('/');
    await switchOrganization(page, 'Acme Exchange');
    await expect(select.locator('option:checked')).toHaveText('Acme Exchange (admin)');
    await expect(page.getByTestId('stat-members')).not.toHaveText('1');
  });

  test('saves the organization settings', async ({ page }) => {
    await page.goto('/settings/organization');
    await expect(page.getByRole('heading', { level: 1, name: 'Organization' })).toBeVisible();
    const timezone = page.getByRole('textbox', { name: 'Time zone (IANA)' });
    await expect(timezone).toBeEditable();
    await expect(timezone).toHaveValue('Europe/London');
    await (await hydrated(page.getByRole('button', { name: 'Save settings' }))).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
  });
});

test.describe('single-organization users', () => {
  test.use({ storageState: authFile('compliance') });

  test('see the organization name instead of a switcher', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('combobox', { name: 'Organization' })).toHaveCount(0);
    await expect(
      page.getByRole('banner').getByText('Acme Exchange', { exact: true }),
    ).toBeVisible();
  });
});
