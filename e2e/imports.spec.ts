import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

test.describe('as a compliance officer', () => {
  test.use({ storageState: authFile('compliance') });

  test('previews a vendor CSV with row errors, writes nothing until confirmed, then imports', async ({
    page,
  }) => {
    const name = `Imported Vendor ${Date.now().toString(36)}`;
    const csv = [
      'name,country,tier,status,data_categories',
      `${name},PH,high,active,customer_pii`,
      'Broken Tier Ltd,US,extreme,,',
      'Bad Country Co,Philippines,,,',
    ].join('\n');

    await page.goto('/imports');
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    const input = await hydrated(page.getByTestId('import-file'));
    await input.setInputFiles({
      name: 'vendors.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });

    const report = page.getByTestId('import-report');
    await expect(report).toContainText('Preview of vendors.csv');
    await expect(page.getByTestId('import-row-2')).toContainText('create');
    await expect(page.getByTestId('import-row-3')).toContainText('tier "extreme" is not valid');
    await expect(page.getByTestId('import-row-4')).toContainText(
      'country "Philippines" is not valid',
    );

    // Nothing was written by the preview.
    const list = await page.context().newPage();
    await list.goto(`/vendors?q=${encodeURIComponent(name)}`);
    await expect(list.getByText(name)).toHaveCount(0);

    await page.getByRole('button', { name: 'Confirm import of 1 row' }).click();
    await expect(page.getByRole('status')).toContainText(
      'Done: 1 created, 0 updated, 0 unchanged, 2 rejected rows skipped',
    );

    await list.reload();
    await expect(list.getByRole('link', { name })).toBeVisible();
    await list.close();
  });

  test('refuses a file with an unknown column as a whole', async ({ page }) => {
    await page.goto('/imports');
    const input = await hydrated(page.getByTestId('import-file'));
    await input.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,colour\nAcme,red\n'),
    });
    await expect(page.locator('.alert-error')).toContainText('Unknown column "colour"');
    await expect(page.getByTestId('import-report')).toHaveCount(0);
  });
});

test.describe('import templates', () => {
  test.use({ storageState: authFile('compliance') });

  test('the import page offers a template with every column and an example row', async ({
    page,
  }) => {
    await page.goto('/imports');
    const link = await hydrated(page.getByTestId('import-template'));
    await expect(link).toHaveText('Download a vendors template');
    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('vendors-template.csv');
    const text = (await (await file.createReadStream()).toArray()).join('');
    const [header, example] = text.split('\r\n');
    expect(header).toBe(
      'name,country,services,tier,status,data_categories,contract_start,contract_end,owner_email',
    );
    expect(example).toContain('Example Support Ltd');
  });

  test('is for signed-in users only', async ({ browser, baseURL }) => {
    const anonymous = await browser.newContext({ baseURL, storageState: undefined });
    const response = await anonymous.request.get('/api/import/templates/vendors');
    expect(response.status()).toBe(401);
    expect((await anonymous.request.get('/api/import/templates/nope')).status()).toBe(401);
    await anonymous.close();
  });
});

test.describe('as an auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('cannot import', async ({ page }) => {
    await page.goto('/imports');
    await expect(page.getByText('Not available to your role')).toBeVisible();
    await expect(page.getByTestId('import-file')).toHaveCount(0);
  });
});
