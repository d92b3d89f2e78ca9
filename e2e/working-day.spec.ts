import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { authFile, hydrated } from './helpers';

// A working day's safety nets: exports of the remaining lists, the duplicate-case warning, the
// wrong-format upload hint and the revoke confirmation (docs/INTERFACES.md §CSV exports,
// docs/INGEST.md §Format hints, docs/PRODUCT.md).

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.join('test-results', 'working-day');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function csvLines(download: Download): Promise<string[]> {
  const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  return text.split('\r\n').filter((line) => line !== '');
}

async function exportFrom(page: Page): Promise<{ name: string; lines: string[] }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  return { name: file.suggestedFilename(), lines: await csvLines(file) };
}

test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance'), acceptDownloads: true });

  test('exports systems, both kinds of campaign and one campaign’s requests, as the page filters them', async ({
    page,
  }) => {
    await page.goto('/systems');
    await expect(page.getByRole('heading', { level: 1, name: 'Systems' })).toBeVisible();
    const systems = await page.locator('tr[data-testid^="system-row-"]').count();
    expect(systems).toBeGreaterThan(0);
    let csv = await exportFrom(page);
    expect(csv.name).toMatch(/^vigil-systems-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.lines[0]).toBe(
      'id,name,criticality,data_classification,owner,privileges,highest_sensitivity',
    );
    expect(csv.lines.length - 1).toBe(systems);
    await shot(page, 'systems');

    await page.goto('/reviews/campaigns');
    const reviews = await page.getByTestId('campaign-row').count();
    csv = await exportFrom(page);
    expect(csv.name).toMatch(/^vigil-review-campaigns-/);
    expect(csv.lines[0]).toBe(
      'id,name,status,due_date,items,decided,overdue,unassigned,revocations_still_active,created_at,launched_at,completed_at',
    );
    expect(csv.lines.length - 1).toBe(reviews);
    await shot(page, 'review-campaigns');

    await page.goto('/attestations');
    const campaigns = page.getByTestId('campaigns').locator('tbody tr');
    const attestations = await campaigns.count();
    expect(attestations).toBeGreaterThan(0);
    csv = await exportFrom(page);
    expect(csv.name).toMatch(/^vigil-attestation-campaigns-/);
    expect(csv.lines[0]).toBe(
      'id,name,template,template_version,audience,status,due_at,launched_at,requests,signed,declined,pending,overdue',
    );
    expect(csv.lines.length - 1).toBe(attestations);
    await shot(page, 'attestation-campaigns');

    // One campaign's requests, signed only: the export carries the campaign and the filter.
    await campaigns.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/attestations\/[0-9a-f-]{36}$/);
    await page
      .getByRole('navigation', { name: 'Filter by status' })
      .getByRole('link')
      .nth(2)
      .click();
    await expect(page).toHaveURL(/status=signed/);
    const requests = await page.getByTestId('requests').locator('tbody tr').count();
    csv = await exportFrom(page);
    expect(csv.name).toMatch(/^vigil-attestation-requests-/);
    expect(csv.lines[0]).toBe(
      'id,person_id,person,email,status,responded_at,typed_signature,decline_reason,disclosures,reminders_sent,signed_sha256',
    );
    expect(csv.lines.length - 1).toBe(requests);
    expect(csv.lines.slice(1).every((l) => l.includes(',signed,'))).toBe(true);
    await shot(page, 'attestation-requests');
  });

  test('escalating a signal about someone with an open case proposes that case', async ({
    page,
  }) => {
    // Any of Jun's open signals: the demo case about him is open.
    await page.goto('/signals');
    const pick = await hydrated(
      page.getByRole('checkbox', { name: /^Select .+ about Jun Reyes$/ }).first(),
    );
    await pick.check();
    const panel = page.getByTestId('escalate-selected');
    const warning = panel.getByTestId('existing-case-warning');
    await expect(warning).toContainText('Jun Reyes: night export of VIP customers');
    await expect(
      warning.getByRole('link', { name: /night export of VIP customers/ }),
    ).toHaveAttribute('href', /^\/cases\/[0-9a-f-]{36}$/);
    await expect(panel.getByRole('radio', { name: 'Add to an open case' })).toBeChecked();
    await expect(panel.getByRole('button', { name: 'Add to case' })).toBeVisible();
    await shot(page, 'duplicate-case-warning');
  });

  test('a CloudTrail file uploaded as Okta is not a success, and one click uploads it as CloudTrail', async ({
    page,
  }) => {
    await page.goto('/logs');
    const form = page.getByRole('form', { name: 'Upload logs' });
    const upload = await hydrated(form.getByRole('button', { name: 'Upload and ingest' }));
    await expect(form.getByRole('combobox', { name: 'Format' })).toHaveValue('okta');
    await form
      .getByLabel('Log file')
      .setInputFiles(path.join('tests', 'fixtures', 'logs', 'cloudtrail', 'console-login.ndjson'));
    await upload.click();
    const hint = page.getByTestId('format-hint');
    await expect(hint).toContainText('This looks like AWS CloudTrail, not Okta System Log.');
    const summary = page.getByTestId('ingest-summary');
    await expect(summary).toContainText('Nothing stored: 3 received: 0 stored');
    await expect(summary).toHaveClass(/alert-error/);
    await expect(summary).not.toContainText('Detectors run');
    await shot(page, 'wrong-format-upload');

    await hint.getByRole('button', { name: 'Upload as AWS CloudTrail' }).click();
    await expect(form.getByRole('combobox', { name: 'Format' })).toHaveValue('cloudtrail');
    await expect(summary).not.toContainText('Nothing stored');
    await expect(summary).toContainText('3 received');
    await expect(hint).toHaveCount(0);
    await expect(page.getByTestId('batches')).toContainText('cloudtrail');
    await shot(page, 'wrong-format-retried');
  });
});

test.describe('as a manager', () => {
  test.use({ storageState: authFile('manager') });

  test('revoking asks first, naming the people; cancelling decides nothing', async ({ page }) => {
    await page.goto('/reviews');
    const items = page.getByTestId('review-items');
    const box = items.getByRole('checkbox', { name: /^Select (?!every)/ }).first();
    await hydrated(box);
    const label = ((await box.getAttribute('aria-label')) ?? '').replace(/^Select /, '');
    const sameLabel = page.getByRole('checkbox', { name: `Select ${label}` });
    const pending = await sameLabel.count();
    await box.check();
    const decide = page.getByRole('form', { name: 'Decide selected items' });
    await decide.getByRole('radio', { name: 'Revoke' }).check();
    await decide.getByRole('textbox', { name: 'Rationale' }).fill('Left the team last month.');
    await decide.getByRole('button', { name: 'Revoke 1 selected' }).click();
    const confirm = decide.getByTestId('revoke-confirmation');
    await expect(confirm).toContainText('Revoke 1 grant now? Access ends at once.');
    await expect(confirm).toContainText(label);
    await shot(page, 'revoke-confirmation');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    // Still waiting in the pending inbox: nothing was decided.
    await page.reload();
    await expect(sameLabel.first()).toBeVisible();
    expect(await sameLabel.count()).toBe(pending);
  });
});

test('read-only organization settings, the evidence hash and the log actors, looked at', async ({
  browser,
}) => {
  const auditor = await browser.newContext({ storageState: authFile('auditor') });
  const page = await auditor.newPage();
  await page.goto('/settings/organization');
  const name = page.getByRole('textbox', { name: 'Organization name' });
  await expect(name).toBeDisabled();
  expect(await name.evaluate((el) => getComputedStyle(el).borderColor)).toBe('rgba(0, 0, 0, 0)');
  await shot(page, 'organization-read-only');
  // The manifest hash is shown whole and copied whole.
  await page.goto('/evidence');
  const form = page.getByRole('form', { name: 'Generate an evidence package' });
  await (await hydrated(form.getByRole('button', { name: 'Generate package' }))).click();
  const hash = page.getByTestId('evidence-package').first().getByTestId('manifest-hash');
  await expect(hash.locator('.mono')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 45_000 });
  const copy = await hydrated(hash.getByRole('button', { name: 'Copy the manifest hash' }));
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await shot(page, 'evidence');
  await auditor.close();

  const compliance = await browser.newContext({ storageState: authFile('compliance') });
  const logs = await compliance.newPage();
  await logs.goto('/identities?status=resolved');
  await expect(logs.getByTestId('actors')).toBeVisible();
  await shot(logs, 'log-actors');
  await logs.goto('/logs');
  await expect(logs.getByText('not Vigil’s')).toBeVisible();
  await compliance.close();
});
