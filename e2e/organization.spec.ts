import { expect, test } from '@playwright/test';
import { authFile, hydrated, switchOrganization } from './helpers';

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('switches organization and back', async ({ page }) => {
    await page.goto('/');
    const select = page.getByRole('combobox', { name: 'Organization' });
    await expect(select.locator('option')).toHaveText([
      'Acme Exchange · acme (admin)',
      'Borealis Custody · borealis (admin)',
    ]);
    await expect(select.locator('option:checked')).toHaveText('Acme Exchange · acme (admin)');
    await expect(page.getByText('Acme Exchange: who is risky, what needs attention')).toBeVisible();

    await switchOrganization(page, 'Borealis Custody');
    await expect(select.locator('option:checked')).toHaveText(
      'Borealis Custody · borealis (admin)',
    );
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
    await expect(select.locator('option:checked')).toHaveText('Acme Exchange · acme (admin)');
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

  test("edits the office networks, with the schema's message on a bad row", async ({ page }) => {
    await page.goto('/settings/organization');
    const offices = page.getByRole('region', { name: 'Office networks' });
    await expect(
      offices.getByText("detectors don't treat them as shared", { exact: false }),
    ).toBeVisible();
    const save = await hydrated(page.getByRole('button', { name: 'Save settings' }));
    // The seed configures none; counted so a re-run against a reused server still works.
    const before = await offices.getByTestId('office-network-row').count();
    const address = (i: number) => offices.getByLabel(`Office network ${before + i} address`);
    const label = (i: number) => offices.getByLabel(`Office network ${before + i} label`);

    await offices.getByRole('button', { name: 'Add office network' }).click();
    await address(1).fill('198.51.100.77/24');
    await label(1).fill('Lisbon office');
    await offices.getByRole('button', { name: 'Add office network' }).click();
    await address(2).fill('0.0.0.0/0');
    await save.click();
    // Refused in place, with the reason; nothing is saved.
    const row2 = offices.getByTestId('office-network-row').nth(before + 1);
    await expect(row2.getByText('/0 is too wide')).toBeVisible();
    await expect(address(2)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('status')).toHaveCount(0);

    await address(2).fill('2001:DB8:0:0::5');
    await save.click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    // Saved normalized, and still there after a reload.
    await page.reload();
    await expect(address(1)).toHaveValue('198.51.100.0/24');
    await expect(label(1)).toHaveValue('Lisbon office');
    await expect(address(2)).toHaveValue('2001:db8::5');

    // Leave the demo organization as it was for the specs after this one.
    const remove = (i: number) =>
      offices.getByRole('button', { name: `Remove office network ${before + i}` });
    await (await hydrated(remove(2))).click();
    await remove(1).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    await expect(offices.getByTestId('office-network-row')).toHaveCount(before);
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

  test('read the office networks without editing them', async ({ page }) => {
    await page.goto('/settings/organization');
    const offices = page.getByRole('region', { name: 'Office networks' });
    await expect(offices).toBeVisible();
    await expect(offices.getByRole('button', { name: 'Add office network' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
  });
});
