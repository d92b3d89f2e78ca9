import { expect, test, type Page } from '@playwright/test';
import { authFile, hydrated, uniqueEmail } from './helpers';

/** Adds an identifier row on the person form and fills it. */
async function addIdentifier(page: Page, kindLabel: string, value: string): Promise<void> {
  const rows = page.getByTestId('identifier-row');
  const n = (await rows.count()) + 1;
  await page.getByRole('button', { name: 'Add identifier' }).click();
  await page
    .getByRole('combobox', { name: `Identifier ${n} kind` })
    .selectOption({ label: kindLabel });
  await page.getByRole('textbox', { name: `Identifier ${n} value` }).fill(value);
}

/** Opens the new-person form and fills the profile of a Manila Support Partners staff member. */
async function startVendorStaff(page: Page, name: string, email: string): Promise<void> {
  await page.goto('/people/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New person' })).toBeVisible();
  await hydrated(page.getByRole('button', { name: 'Create person' }));
  await page.getByRole('textbox', { name: 'Full name' }).fill(name);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  // The vendor picker appears only for contractors and vendor staff.
  await expect(page.getByRole('combobox', { name: 'Vendor' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Vendor staff' });
  await page
    .getByRole('combobox', { name: 'Vendor' })
    .selectOption({ label: 'Manila Support Partners' });
  await page.getByRole('textbox', { name: 'Country' }).fill('PH');
}

test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance') });

  test('creates vendor staff whose identifiers are stored normalized', async ({ page }) => {
    const email = uniqueEmail('staff');
    await startVendorStaff(page, 'Rosa Dela Cruz', email);
    await page.getByRole('textbox', { name: 'Title' }).fill('Support Agent');
    await addIdentifier(page, 'GitHub', '@Some-Handle');
    await addIdentifier(page, 'Phone', '0917 555 0188');
    await page.getByRole('button', { name: 'Create person' }).click();

    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Rosa Dela Cruz' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Manila Support Partners' })).toHaveAttribute(
      'href',
      /^\/vendors\/[0-9a-f-]{36}$/,
    );
    const github = page.getByTestId('identifier-github');
    await expect(github.getByRole('cell').nth(1)).toHaveText('some-handle');
    await expect(github.getByRole('cell').nth(2)).toHaveText('@Some-Handle');
    // A national number resolves through the person's country to E.164.
    await expect(page.getByTestId('identifier-phone').getByRole('cell').nth(1)).toHaveText(
      '+639175550188',
    );
    await expect(page.getByTestId('identifier-email').getByRole('cell').nth(1)).toHaveText(email);
    // Nothing verified yet, so screening is incomplete and says what is missing.
    await expect(page.getByTestId('screening-badge')).toHaveText('Incomplete');
    await expect(
      page.getByText('identity not verified, background check not started'),
    ).toBeVisible();

    // Listed, with its vendor and screening state.
    await page.goto(`/people?q=${encodeURIComponent(email)}`);
    const row = page.getByTestId(`person-row-${email}`);
    await expect(row).toContainText('Vendor staff');
    await expect(row).toContainText('Manila Support Partners');
    await expect(row.getByTestId('screening-badge')).toContainText('Incomplete');

    // Completing the screening in the edit form: the identifiers come back as entered.
    await row.getByRole('link', { name: 'Rosa Dela Cruz' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Edit Rosa Dela Cruz' }),
    ).toBeVisible();
    const save = await hydrated(page.getByRole('button', { name: 'Save changes' }));
    await expect(page.getByRole('textbox', { name: 'Identifier 1 value' })).toHaveValue(
      '@Some-Handle',
    );
    await page.getByRole('checkbox', { name: 'Identity verified' }).check();
    await page.getByRole('combobox', { name: 'Background check' }).selectOption('clear');
    await page.getByLabel('Background check date').fill('2026-01-15');
    await save.click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('screening-badge')).toHaveText('Screened');
    await expect(page.getByText('on 15 Jan 2026')).toBeVisible();
    await expect(page.getByTestId('identifier-github').getByRole('cell').nth(1)).toHaveText(
      'some-handle',
    );
  });

  test('a bad identifier shows the server error and creates nothing', async ({ page }) => {
    const email = uniqueEmail('badid');
    await startVendorStaff(page, 'Wallet Tester', email);
    await addIdentifier(page, 'Wallet', '0x123');
    await page.getByRole('button', { name: 'Create person' }).click();

    const form = page.getByRole('form', { name: 'New person' });
    await expect(form.getByRole('alert')).toHaveText('"0x123" is not a wallet address');
    await expect(page).toHaveURL(/\/people\/new$/);
    // The form keeps what was typed, so the mistake can be fixed in place.
    await expect(page.getByRole('textbox', { name: 'Identifier 1 value' })).toHaveValue('0x123');

    await page.goto(`/people?q=${encodeURIComponent(email)}`);
    await expect(
      page.getByRole('heading', { name: 'No people match these filters' }),
    ).toBeVisible();
  });

  test('creates a system with two privileges and marks them a toxic pair', async ({ page }) => {
    const name = `E2E Ledger ${Date.now().toString(36)}`;
    await page.goto('/systems/new');
    await expect(page.getByRole('heading', { level: 1, name: 'New system' })).toBeVisible();
    await hydrated(page.getByRole('button', { name: 'Create system' }));
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('combobox', { name: 'Criticality' }).selectOption('high');
    await page.getByRole('combobox', { name: 'Data classification' }).selectOption('confidential');
    await page.getByRole('button', { name: 'Add privilege' }).click();
    await page.getByRole('textbox', { name: 'Privilege 1 name' }).fill('post_entry');
    await page.getByRole('combobox', { name: 'Privilege 1 sensitivity' }).selectOption('critical');
    await page.getByRole('button', { name: 'Add privilege' }).click();
    await page.getByRole('textbox', { name: 'Privilege 2 name' }).fill('approve_entry');
    await page.getByRole('combobox', { name: 'Privilege 2 sensitivity' }).selectOption('high');
    await page.getByRole('button', { name: 'Create system' }).click();

    await expect(page).toHaveURL(/\/systems\/[0-9a-f-]{36}$/);
    const systemUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('privilege-post_entry')).toContainText('critical');
    await expect(page.getByTestId('privilege-approve_entry')).toContainText('high');
    await expect(page.getByText('No toxic pairs involve this system')).toBeVisible();
    await expect(page.getByText('Nobody holds access to this system')).toBeVisible();

    await page.goto('/systems');
    await expect(page.getByTestId(`system-row-${name}`)).toContainText('2');
    const form = page.getByRole('form', { name: 'Add a toxic pair' });
    const add = await hydrated(form.getByRole('button', { name: 'Add toxic pair' }));
    await form
      .getByRole('combobox', { name: 'Privilege' })
      .selectOption({ label: 'post_entry (critical)' });
    await form
      .getByRole('combobox', { name: 'Combined with' })
      .selectOption({ label: 'approve_entry (high)' });
    await form.getByRole('textbox', { name: 'Reason' }).fill('One person could post and approve.');
    await add.click();
    await expect(form.getByRole('status')).toHaveText('Pair added');
    await expect(
      page.getByTestId('toxic-pair').filter({ hasText: 'One person could post and approve.' }),
    ).toHaveCount(1);

    // The same pair again is refused.
    await form
      .getByRole('combobox', { name: 'Privilege' })
      .selectOption({ label: 'approve_entry (high)' });
    await form
      .getByRole('combobox', { name: 'Combined with' })
      .selectOption({ label: 'post_entry (critical)' });
    await form.getByRole('textbox', { name: 'Reason' }).fill('Duplicate of the pair above.');
    await add.click();
    await expect(form.getByRole('alert')).toHaveText('That pair is already marked toxic.');

    await page.goto(systemUrl);
    const pair = page.getByTestId('toxic-pair');
    await expect(pair).toHaveCount(1);
    await expect(pair).toContainText('post_entry');
    await expect(pair).toContainText('approve_entry');
    await expect(pair).toContainText('One person could post and approve.');

    // Removing a privilege retires it; the pair still points at it.
    await page.getByRole('link', { name: 'Edit' }).click();
    await hydrated(page.getByRole('button', { name: 'Save changes' }));
    await expect(page.getByRole('textbox', { name: 'Privilege 1 name' })).toHaveValue('post_entry');
    await page.getByRole('button', { name: 'Remove privilege 2' }).click();
    await expect(page.getByText('Saving retires approve_entry.')).toBeVisible();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(systemUrl);
    await expect(page.getByTestId('privilege-approve_entry')).toContainText('retired');
    await expect(page.getByTestId('privilege-post_entry')).toContainText('active');
    await expect(page.getByTestId('toxic-pair')).toHaveCount(1);
  });
});

test.describe('who holds a system', () => {
  test.use({ storageState: authFile('compliance') });

  test("a system's page lists its active holders and opens them in Access", async ({ page }) => {
    await page.goto('/systems');
    await page
      .getByTestId('system-row-Customer Admin Console')
      .getByRole('link', { name: 'Customer Admin Console' })
      .click();
    const holders = page.getByTestId('system-holders');
    await expect(holders.getByRole('heading', { name: 'Who holds access' })).toBeVisible();
    const rows = holders.getByTestId('system-holders-table').locator('tbody tr');
    const holderCount = await rows.count();
    expect(holderCount).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Customer Admin Console');
    await holders.getByRole('link', { name: /Open in Access|See everyone with access/ }).click();
    await expect(page).toHaveURL(/\/access\?tab=active&systemId=[0-9a-f-]{36}$/);
    await expect(page.getByTestId('system-filter')).toBeVisible();
    const listed = page.getByTestId('grants-table').locator('tbody tr');
    expect(await listed.count()).toBe(holderCount);
  });
});

test.describe('as manager', () => {
  test.use({ storageState: authFile('manager') });

  test('sees only himself and his direct reports, read-only', async ({ page }) => {
    await page.goto('/people');
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await expect(page.locator('tbody tr td:first-child')).toHaveText([
      'Jun Reyes',
      'Maria Santos',
      'Mateo Silva',
    ]);
    await expect(page.getByRole('link', { name: 'New person' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Mateo Silva' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mateo Silva' })).toBeVisible();
    await expect(page.getByTestId('reports').getByRole('link')).toHaveText([
      'Jun Reyes',
      'Maria Santos',
    ]);
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

    await page.goto('/people/new');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('sees systems and toxic pairs read-only', async ({ page }) => {
    await page.goto('/systems');
    await expect(page.getByRole('heading', { level: 1, name: 'Systems' })).toBeVisible();
    const treasury = page.getByTestId('system-row-Treasury Payments');
    await expect(treasury).toContainText('critical');
    await expect(treasury).toContainText('restricted');
    await expect(
      page.getByTestId('toxic-pair').filter({ hasText: 'create_payee' }).filter({
        hasText: 'approve_payment',
      }),
    ).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'New system' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Add a toxic pair' })).toHaveCount(0);

    await treasury.getByRole('link', { name: 'Treasury Payments' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Treasury Payments' })).toBeVisible();
    await expect(page.getByTestId('privilege-create_payee')).toContainText('critical');
    await expect(page.getByTestId('toxic-pair')).toContainText('One person could create a payee');
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);

    await page.goto('/systems/new');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
  });
});
