import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

// Victor Hale (demo seed, server/cli/seed/demo/candidates.ts): a UK VoIP number, and a laptop
// shipping address that contractor Alex Kim already gave. Every manual check is recorded as passed,
// so what stands in the hire's way is what Vigil found by itself.
const CANDIDATE = 'Victor Hale';
const OVERRIDE =
  'Softphone issued by the staffing agency; address confirmed as the agency office by courier.';

test.describe('the hire gate', () => {
  test.use({ storageState: authFile('compliance') });

  test('refuses a VoIP candidate shipping to a contractor’s address; an admin override is audited', async ({
    page: compliance,
    browser,
  }) => {
    test.slow();
    await compliance.goto('/candidates');
    const list = compliance.getByTestId('candidate-list');
    await expect(list).toBeVisible();
    const row = compliance.getByTestId('candidate-row').filter({ hasText: CANDIDATE });
    await expect(row).toContainText('Offer');
    await expect(row).toContainText('Senior Wallet Engineer');
    await expect(row).toContainText('Rita Mensah');
    await compliance.screenshot({ path: 'test-results/candidates-list.png', fullPage: true });

    await row.getByRole('link', { name: CANDIDATE }).click();
    await expect(compliance.getByRole('heading', { level: 1, name: CANDIDATE })).toBeVisible();
    await expect(compliance.getByTestId('check-phone_line')).toHaveAttribute('data-result', 'fail');
    await expect(compliance.getByTestId('check-phone_line')).toContainText('VoIP');
    await expect(compliance.getByTestId('check-shipping_address')).toHaveAttribute(
      'data-result',
      'fail',
    );
    await expect(compliance.getByTestId('check-shipping_address')).toContainText(
      'used by a contractor',
    );
    await compliance.screenshot({ path: 'test-results/candidate-detail.png', fullPage: true });

    // The compliance officer's conversion is refused, with both reasons.
    const convert = await hydrated(compliance.getByTestId('convert-form'));
    await expect(convert.getByLabel('Override reason (admins only)')).toHaveCount(0);
    await convert.getByRole('button', { name: 'Convert to staff' }).click();
    const refusal = compliance.getByTestId('convert-refusal');
    await expect(refusal).toContainText(`Cannot convert ${CANDIDATE} to staff`);
    await expect(refusal).toContainText(/Phone line type: failed.*VoIP/);
    await expect(refusal).toContainText(/Laptop shipping address: failed.*used by a contractor/);
    await compliance.screenshot({ path: 'test-results/candidate-refused.png', fullPage: true });
    const url = compliance.url();

    // The admin overrides with a written reason.
    const adminContext = await browser.newContext({ storageState: authFile('admin') });
    const admin = await adminContext.newPage();
    await admin.goto(url);
    const form = await hydrated(admin.getByTestId('convert-form'));
    await form.getByLabel('Hire as').selectOption('contractor');
    await form.getByLabel('Override reason (admins only)').fill(OVERRIDE);
    await form.getByRole('button', { name: 'Override and convert to staff' }).click();
    await expect(admin.getByTestId('hired')).toContainText('Converted to contractor');
    await expect(admin.getByTestId('override-record')).toContainText(OVERRIDE);
    await expect(admin.getByTestId('override-record')).toContainText('Phone line type');
    await admin.screenshot({ path: 'test-results/candidate-hired.png', fullPage: true });

    // The audit log keeps the override and its reason.
    await admin.goto('/audit?action=candidate.hired_with_override');
    const entry = admin.locator('tr').filter({ hasText: 'candidate.hired_with_override' });
    await expect(entry).toHaveCount(1);
    await entry.locator('summary').click();
    await expect(entry).toContainText(OVERRIDE);
    await adminContext.close();
  });
});
