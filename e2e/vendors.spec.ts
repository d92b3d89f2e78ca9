import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

const MANILA = 'Manila Support Partners';

test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance') });

  test('a risk-band drill-down stays applied while other filters change', async ({ page }) => {
    await page.goto('/vendors?band=critical');
    await expect(page.getByTestId('band-filter')).toBeVisible();
    await expect(page.getByRole('link', { name: MANILA })).toBeVisible();
    await page
      .getByRole('group', { name: 'Tier' })
      .getByRole('checkbox', { name: 'Critical' })
      .check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/band=critical/);
    await expect(page).toHaveURL(/tier=critical/);
    await expect(page.getByTestId('band-filter')).toBeVisible();
    await expect(page.getByRole('link', { name: MANILA })).toBeVisible();
  });

  test('creates a vendor whose tier preview follows the questionnaire, then onboards it', async ({
    page,
  }) => {
    const name = `E2E Vendor ${Date.now()}`;
    await page.goto('/vendors');
    await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible();
    await page.getByRole('link', { name: 'New vendor' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New vendor' })).toBeVisible();
    const submit = await hydrated(page.getByRole('button', { name: 'Create vendor' }));

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('textbox', { name: /^Country/ }).fill('sg');
    await page.getByRole('textbox', { name: 'Services' }).fill('Outsourced payments support');
    await page
      .getByRole('group', { name: 'Data categories processed' })
      .getByRole('checkbox', { name: 'Customer PII' })
      .check();

    // The preview is live: nothing ticked is low, customer data is high, funds access critical.
    const derived = page.getByTestId('derived-tier');
    await expect(derived).toHaveText('Low');
    await page
      .getByRole('group', { name: 'Data it can touch' })
      .getByRole('checkbox', { name: 'Customer PII' })
      .check();
    await expect(derived).toHaveText('High');
    await expect(page.getByTestId('derived-reasons')).toContainText('handles customer pii');
    await page.getByRole('checkbox', { name: /^Funds or keys access/ }).check();
    await expect(derived).toHaveText('Critical');
    await expect(page.getByTestId('derived-reasons')).toContainText('can move funds or touch keys');
    await expect(page.getByTestId('final-tier')).toHaveText('Critical');

    await page.getByRole('button', { name: 'Add certification' }).click();
    await page.getByRole('textbox', { name: 'Certification 1 name' }).fill('PCI DSS');
    await page.getByLabel('Certification 1 expiry').fill('2031-03-31');

    await submit.click();
    await expect(page).toHaveURL(/\/vendors\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('vendor-tier').first()).toHaveText('Critical');
    await expect(page.getByTestId('vendor-status').first()).toHaveText('Prospect');
    await expect(page.getByTestId('certifications')).toContainText('PCI DSS');
    await expect(page.getByTestId('status-history')).toContainText('Vendor created');

    // prospect → onboarding, with a reason that lands in the history.
    const changeStatus = page.getByRole('form', { name: 'Change status' });
    const change = await hydrated(changeStatus.getByRole('button', { name: 'Change status' }));
    await changeStatus.getByRole('combobox', { name: 'New status' }).selectOption('onboarding');
    await changeStatus.getByRole('textbox', { name: 'Reason' }).fill('Contract signed by legal');
    await change.click();
    await expect(page.getByTestId('vendor-status').first()).toHaveText('Onboarding');
    const newest = page.getByTestId('status-history').getByRole('listitem').first();
    await expect(newest).toContainText('Contract signed by legal');
    await expect(newest).toContainText('Prospect');
    await expect(newest).toContainText('Onboarding');
    // The next step offered follows the lifecycle.
    await expect(
      changeStatus.getByRole('combobox', { name: 'New status' }).locator('option'),
    ).toHaveText(['Active', 'Terminated']);
    // Ending the relationship warns that it revokes the vendor's people's access.
    await expect(changeStatus.getByTestId('offboarding-warning')).toHaveCount(0);
    await changeStatus.getByRole('combobox', { name: 'New status' }).selectOption('terminated');
    await expect(changeStatus.getByTestId('offboarding-warning')).toContainText(
      'revokes every access grant',
    );

    // Listed, and findable by search.
    await page.goto(`/vendors?q=${encodeURIComponent(name)}`);
    const row = page.getByTestId(`vendor-row-${name}`);
    await expect(row.getByTestId('vendor-tier')).toHaveText('Critical');
    await expect(row.getByTestId('vendor-status')).toHaveText('Onboarding');
    await expect(row).toContainText('SG');
  });

  test('the demo vendor shows its contract and certification warnings', async ({ page }) => {
    await page.goto('/vendors');
    const filters = page.getByRole('form', { name: 'Filter vendors' });
    await filters.getByRole('checkbox', { name: 'Critical' }).check();
    await filters.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/[?&]tier=critical(&|$)/);
    const row = page.getByTestId(`vendor-row-${MANILA}`);
    await expect(row.getByTestId('vendor-tier')).toHaveText('Critical');
    await expect(row.getByTestId('vendor-warnings-count')).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId('vendor-row-Brightdesk Translation')).toHaveCount(0);

    await row.getByRole('link', { name: MANILA }).click();
    await expect(page.getByRole('heading', { level: 1, name: MANILA })).toBeVisible();
    const warnings = page.getByTestId('vendor-warnings');
    await expect(warnings).toContainText(/Contract ends in \d+ days/);
    await expect(warnings).toContainText(/ISO 27001 expires in \d+ days/);
    const certs = page.getByTestId('certifications');
    await expect(certs.getByRole('row').filter({ hasText: 'ISO 27001' })).toContainText(
      /Expires in \d+ days/,
    );
    await expect(certs.getByRole('row').filter({ hasText: 'SOC 2 Type II' })).toContainText(
      'Valid',
    );
    await expect(page.getByTestId('sub-processors')).toContainText('CloudDesk Telephony');
    await expect(page.getByTestId('vendor-people')).toContainText('Maria Santos');
  });
});

test.describe('as manager', () => {
  test.use({ storageState: authFile('manager') });

  test('reads vendors without any edit controls', async ({ page }) => {
    await page.goto('/vendors');
    await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible();
    await expect(page.getByTestId(`vendor-row-${MANILA}`)).toBeVisible();
    await expect(page.getByRole('link', { name: 'New vendor' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Northwind Dev Contractors' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Northwind Dev Contractors' }),
    ).toBeVisible();
    await expect(page.getByTestId('tier-override')).toContainText(
      'derived high, overridden because',
    );
    await expect(page.getByRole('form', { name: 'Change status' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Change status' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

    await page.goto('/vendors/new');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create vendor' })).toHaveCount(0);
  });

  test('an unknown vendor id shows not found', async ({ page }) => {
    await page.goto('/vendors/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('heading', { name: 'Vendor not found' })).toBeVisible();
  });
});
