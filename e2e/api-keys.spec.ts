import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('creates a key shown once, then revokes it', async ({ page }) => {
    const name = `e2e key ${Date.now().toString(36)}`;
    await page.goto('/settings/api-keys');
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();

    const create = await hydrated(page.getByRole('button', { name: 'Create key' }));
    await page.locator('input[name="name"]').fill(name);
    await page.getByRole('checkbox', { name: 'read', exact: true }).check();
    await create.click();

    const secret = page.getByTestId('new-api-key');
    await expect(secret).toHaveText(/^vgl_\S+$/);
    const key = (await secret.textContent())!.trim();

    const row = page.getByTestId(`api-key-${name}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('active');
    await expect(row).toContainText('ingest');
    await expect(row).toContainText('read');

    // Shown once: after a reload only the row (with a prefix, never the key) remains.
    await page.reload();
    await expect(row).toBeVisible();
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    await expect(page.getByText(key)).toHaveCount(0);
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^vgl_\S+_…$/);

    page.once('dialog', (dialog) => {
      expect(dialog.type()).toBe('confirm');
      void dialog.accept();
    });
    await (await hydrated(row.getByRole('button', { name: `Revoke API key ${name}` }))).click();
    await expect(row.getByRole('cell').nth(3)).toHaveText('revoked');
    await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

    await page.reload();
    await expect(row.getByRole('cell').nth(3)).toHaveText('revoked');
  });

  test('dismissing the revoke confirmation leaves the key active', async ({ page }) => {
    const name = `e2e keep ${Date.now().toString(36)}`;
    await page.goto('/settings/api-keys');
    const create = await hydrated(page.getByRole('button', { name: 'Create key' }));
    await page.locator('input[name="name"]').fill(name);
    await create.click();
    await expect(page.getByTestId('new-api-key')).toHaveText(/^vgl_/);

    const row = page.getByTestId(`api-key-${name}`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await (await hydrated(row.getByRole('button', { name: `Revoke API key ${name}` }))).click();
    await page.reload();
    await expect(row.getByRole('cell').nth(3)).toHaveText('active');
    await expect(row.getByRole('button', { name: `Revoke API key ${name}` })).toBeVisible();
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('sees API keys read-only', async ({ page }) => {
    await page.goto('/settings/api-keys');
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    // The seeded key is listed...
    await expect(page.getByTestId('api-key-Okta log forwarder')).toBeVisible();
    // ...but nothing can be created or revoked.
    await expect(page.getByRole('heading', { name: 'Create a key' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Create key' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  });

  test('cannot edit the organization settings', async ({ page }) => {
    await page.goto('/settings/organization');
    await expect(page.getByRole('heading', { level: 1, name: 'Organization' })).toBeVisible();
    await expect(page.getByText('read-only for your role')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Organization name' })).toBeDisabled();
    await expect(page.getByRole('textbox', { name: 'Organization name' })).toHaveValue(
      'Acme Exchange',
    );
  });
});
