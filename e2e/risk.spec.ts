import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance') });

  test('reads why a person scores what they do, with the trend and the signals behind it', async ({
    page,
  }) => {
    await page.goto('/people?sort=risk');
    const first = page.locator('tbody tr').first();
    await expect(first).toContainText('Jun Reyes');
    await first.getByRole('link', { name: 'Jun Reyes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jun Reyes' })).toBeVisible();

    const risk = page.getByTestId('person-risk');
    await expect(risk.getByRole('heading', { name: 'Risk' })).toBeVisible();
    await expect(risk.getByTestId('risk-compromise')).toContainText(/\d+\.\d/);
    await expect(risk.getByTestId('risk-bribery')).toContainText(/\d+\.\d/);

    // "Why is this score": the ledger names the night export and links to the signal.
    const ledger = risk.getByTestId('risk-ledger');
    const row = ledger.locator('tr[data-factor="signal:bulk_record_access"]').first();
    await expect(row).toBeVisible();
    await expect(row).toContainText('Bulk record access');
    await expect(risk.getByTestId('risk-headline')).toBeVisible();
    await expect(ledger.locator('tr[data-factor^="exposure:"]').first()).toBeVisible();

    // The trend chart renders its lines (the seed backfilled three weeks of history).
    const chart = risk.getByTestId('risk-trend-chart');
    await expect(chart.locator('.recharts-line path').first()).toBeVisible();

    await expect(risk.getByTestId('risk-signals')).toContainText('counts');
    await expect(risk.getByTestId('risk-grants')).toBeVisible();

    await row.getByRole('link').click();
    await expect(page).toHaveURL(/\/signals\/[0-9a-f-]{36}$/);
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('sees the vendor roll-up and its riskiest people', async ({ page }) => {
    await page.goto('/people?q=jun');
    await page.getByRole('link', { name: 'Manila Support Partners' }).first().click();
    const risk = page.getByTestId('vendor-risk');
    await expect(risk.getByTestId('vendor-risk-score')).toContainText(/\d+\.\d/);
    await expect(
      risk.getByTestId('vendor-risk-ledger').locator('tr[data-factor="people:max"]'),
    ).toBeVisible();
    await expect(risk.getByTestId('vendor-top-people').locator('tbody tr').first()).toContainText(
      'Jun Reyes',
    );
    await expect(risk.getByTestId('risk-trend-chart')).toBeVisible();
  });

  test('reads the weights but cannot save them', async ({ page }) => {
    await page.goto('/settings/risk');
    await expect(page.getByRole('heading', { level: 1, name: 'Risk weights' })).toBeVisible();
    await expect(page.getByTestId('save-weights')).toHaveCount(0);
  });
});

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('previews a weight change, is stopped by an invalid one, and saves', async ({ page }) => {
    await page.goto('/settings/risk');
    const form = page.getByRole('form', { name: 'Risk weights' });
    const save = await hydrated(form.getByTestId('save-weights'));

    // Invalid weights: a clear error, and nothing can be saved.
    const critical = form.locator('input[name="severityPoints.critical"]');
    await critical.fill('500');
    await expect(form.getByRole('alert')).toContainText('severityPoints.critical');
    await expect(save).toBeDisabled();
    await critical.fill('35');

    await form.locator('input[name="exposure.bySensitivity.high"]').fill('30');
    await form.getByTestId('preview-weights').click();
    const preview = page.getByTestId('weights-preview');
    await expect(preview).toBeVisible();
    await expect(preview.locator('tbody tr').first()).toContainText('Jun Reyes');

    await save.click();
    await expect(page.getByTestId('weights-saved')).toBeVisible();
    await page.reload();
    await expect(page.getByText(/Last changed .* by admin@acme\.test/)).toBeVisible();
    await expect(form.locator('input[name="exposure.bySensitivity.high"]')).toHaveValue('30');
  });
});
