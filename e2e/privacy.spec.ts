import { expect, test, type Page } from '@playwright/test';
import { auditRows, authFile, filterAuditByAction, hydrated, uniqueEmail } from './helpers';

/** A person no other spec relies on, created here through the form. */
async function createPerson(page: Page, name: string, email: string): Promise<string> {
  await page.goto('/people/new');
  await hydrated(page.getByRole('button', { name: 'Create person' }));
  await page.getByRole('textbox', { name: 'Full name' }).fill(name);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Country' }).fill('DE');
  await page.getByRole('button', { name: 'Create person' }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  return page.url();
}

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('changes the retention limits within their bounds, audited', async ({ page }) => {
    await page.goto('/settings/privacy');
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Retention limits' });
    const events = form.getByRole('spinbutton', { name: 'Access events (months)' });
    const save = await hydrated(form.getByRole('button', { name: 'Save limits' }));
    await events.fill('2');
    await save.click();
    await expect(form.getByText('At least 3 months')).toBeVisible();
    await events.fill('18');
    await form.getByRole('spinbutton', { name: 'Signals (months)' }).fill('24');
    await form.getByRole('spinbutton', { name: 'Closed cases (months)' }).fill('48');
    await save.click();
    await expect(form.getByRole('status')).toHaveText(
      'Retention limits saved. The next daily run applies them.',
    );
    await page.reload();
    await expect(page.getByRole('spinbutton', { name: 'Access events (months)' })).toHaveValue(
      '18',
    );
    await page.screenshot({ path: 'test-results/privacy-settings.png', fullPage: true });

    await filterAuditByAction(page, 'org.retention_updated');
    await expect(auditRows(page, 'org.retention_updated').first()).toBeVisible();
  });

  test('erases a person after the typed email and a reason, refusing under a legal hold', async ({
    page,
  }) => {
    const email = uniqueEmail('erase-me');
    const url = await createPerson(page, 'Edda Erasable', email);
    const panel = page.getByRole('region', { name: 'Privacy' });
    await expect(panel).toBeVisible();

    // A legal hold refuses the erasure with its reason.
    await panel.getByRole('textbox', { name: 'Legal hold' }).fill('Works council inquiry 2026-3');
    await (await hydrated(panel.getByRole('button', { name: 'Place hold' }))).click();
    await expect(panel.getByTestId('legal-hold')).toContainText('Works council inquiry 2026-3');
    await panel.getByRole('button', { name: 'Erase personal data…' }).click();
    const form = panel.getByRole('form', { name: 'Erase personal data' });
    const erase = form.getByRole('button', { name: 'Erase permanently' });
    await expect(erase).toBeDisabled();
    await form.getByRole('textbox', { name: `Type ${email} to confirm` }).fill(email);
    await form.getByRole('textbox', { name: 'Reason' }).fill('Erasure request ER-2026-41');
    await expect(erase).toBeEnabled();
    await page.screenshot({ path: 'test-results/privacy-erase-form.png', fullPage: true });
    await erase.click();
    await expect(form.getByRole('alert')).toContainText('legal hold: Works council inquiry 2026-3');

    // Released, the erasure goes through and the page shows the tombstone.
    await panel.getByRole('button', { name: 'Release hold' }).click();
    await expect(panel.getByTestId('legal-hold')).toHaveCount(0);
    await erase.click();
    await expect(page.getByTestId('erased-person')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Erased person' })).toBeVisible();
    await expect(page.getByText(email)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Privacy' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/privacy-erased.png', fullPage: true });
    expect(page.url()).toBe(url);

    // The erasure is audited, the person's earlier entries redacted, and the chain verifies.
    await filterAuditByAction(page, 'person.');
    await expect(auditRows(page, 'person.erased').first()).toBeVisible();
    await expect(
      auditRows(page, 'person.created').first().getByTestId('audit-redacted'),
    ).toBeVisible();
    await expect(page.getByText(email)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/privacy-audit.png', fullPage: true });
    await (await hydrated(page.getByRole('button', { name: 'Verify chain' }))).click();
    await expect(page.getByText(/Chain intact: \d+ entries verified/)).toBeVisible();
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('reads the retention limits but cannot change them or erase anyone', async ({ page }) => {
    await page.goto('/settings/privacy');
    await expect(page.getByText('Read-only for your role.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save limits' })).toHaveCount(0);
    await expect(page.getByRole('spinbutton', { name: 'Access events (months)' })).toBeDisabled();
  });
});
