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

test.describe('SCIM provisioning', () => {
  test.use({ storageState: authFile('admin') });

  test('a key with the scim scope provisions a joiner and a leaver over /scim/v2', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const name = `e2e scim ${Date.now().toString(36)}`;
    await page.goto('/settings/api-keys');
    const create = await hydrated(page.getByRole('button', { name: 'Create key' }));
    await page.locator('input[name="name"]').fill(name);
    await page.getByRole('checkbox', { name: 'ingest', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'scim (provisioning)' }).check();
    await page.screenshot({ path: 'test-results/api-keys-scim-scope.png', fullPage: true });
    await create.click();
    const key = (await page.getByTestId('new-api-key').textContent())!.trim();
    await expect(page.getByTestId(`api-key-${name}`)).toContainText('scim');

    // The identity provider has no session: /scim/v2 must answer, not redirect to sign-in.
    const idp = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      maxRedirects: 0,
    });
    const config = await idp.get('/scim/v2/ServiceProviderConfig');
    expect(config.status()).toBe(200);
    expect(config.headers()['content-type']).toMatch(/^application\/scim\+json/);
    const userName = `scim.${Date.now().toString(36)}@acme.test`;
    const filter = `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;
    expect((await (await idp.get(filter)).json()).totalResults).toBe(0);
    const created = await idp.post('/scim/v2/Users', {
      data: { userName, name: { givenName: 'Sky', familyName: 'Provisioned' }, title: 'Analyst' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await idp.post('/scim/v2/Users', { data: { userName } })).status()).toBe(409);
    const left = await idp.patch(`/scim/v2/Users/${id}`, {
      data: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      },
    });
    expect(((await left.json()) as { active: boolean }).active).toBe(false);
    const anonymous = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
    const refused = await anonymous.get('/scim/v2/Users');
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { schemas: string[] }).schemas).toEqual([
      'urn:ietf:params:scim:api:messages:2.0:Error',
    ]);
    await idp.dispose();
    await anonymous.dispose();

    await page.goto(`/people/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
