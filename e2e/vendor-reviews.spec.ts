import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { authFile, hydrated, type DemoRole } from './helpers';

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

const VENDOR = 'Brightdesk Translation';
const EVIDENCE = `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% e2e ${Date.now()}\n%%EOF\n`;
const EVIDENCE_SHA = createHash('sha256').update(EVIDENCE).digest('hex');

test('a vendor review runs to approved with conditions: reviewer and approver are two people', async ({
  browser,
}) => {
  // Chen (compliance) starts an onboarding review from the vendor's page.
  const chen = await pageAs(browser, 'compliance');
  await chen.goto('/vendors');
  await chen.getByRole('link', { name: VENDOR }).click();
  const section = chen.getByTestId('vendor-reviews-section');
  await expect(section).toContainText('Never reviewed');
  const start = chen.getByRole('form', { name: 'Start a review' });
  await start.getByRole('combobox', { name: 'Kind' }).selectOption('onboarding');
  await (await hydrated(start.getByRole('button', { name: 'Start review' }))).click();
  await expect(chen).toHaveURL(/\/vendor-reviews\/[0-9a-f-]{36}$/);
  await expect(chen.getByRole('heading', { level: 1 })).toContainText(
    `${VENDOR}: onboarding review`,
  );
  await expect(chen.getByTestId('reviewer')).toHaveText('compliance@acme.test');
  const reviewUrl = chen.url();

  // Submitting waits for every required answer.
  await expect(chen.getByTestId('submit-review')).toBeDisabled();
  const form = chen.getByRole('form', { name: 'Questionnaire' });
  const save = await hydrated(form.getByRole('button', { name: 'Save answers' }));
  for (const group of await form.getByRole('radiogroup').all())
    await group.getByRole('radio', { name: 'Yes' }).check();
  for (const box of await form.getByRole('textbox').all())
    await box.fill('Security desk at security@brightdesk.example; data stays in Germany.');
  await expect(chen.getByTestId('unanswered')).toHaveText('Every required question is answered.');
  await save.click();
  await expect(form.getByRole('status')).toHaveText('Saved');

  // Evidence: a PDF goes up and shows its SHA-256; an executable is refused with the reason.
  const file = chen.getByTestId('evidence-file');
  await hydrated(file);
  await file.setInputFiles({
    name: 'brightdesk-security-policy.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(EVIDENCE),
  });
  const row = chen.getByTestId('evidence-brightdesk-security-policy.pdf');
  await expect(row.getByTestId('evidence-sha256')).toHaveText(EVIDENCE_SHA);
  await file.setInputFiles({
    name: 'invoice.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ\x90\x00 this is not a pdf'),
  });
  await expect(chen.getByRole('region', { name: 'Evidence' }).getByRole('alert')).toContainText(
    'not a PDF file',
  );

  // The download is an attachment of opaque bytes, never rendered inline.
  const href = await row.getByRole('link').getAttribute('href');
  const download = await chen.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(download.headers()['content-type']).toBe('application/octet-stream');
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(
    createHash('sha256')
      .update(await download.body())
      .digest('hex'),
  ).toBe(EVIDENCE_SHA);

  // A finding with its remediation task, validated as typed.
  await (await hydrated(chen.getByTestId('add-finding'))).click();
  const finding = chen.getByRole('form', { name: 'Record a finding' });
  await finding.getByRole('textbox', { name: 'Title' }).fill('No DPA signed');
  await finding.getByRole('combobox', { name: 'Severity' }).selectOption('medium');
  await finding.getByRole('combobox', { name: 'Owner' }).selectOption({
    label: 'compliance@acme.test',
  });
  await finding.getByRole('button', { name: 'Record finding' }).click();
  await expect(finding.getByText('Describe the remediation task')).toBeVisible();
  await finding
    .getByRole('textbox', { name: 'Remediation task' })
    .fill('Sign the data processing agreement before go-live.');
  await finding.getByRole('button', { name: 'Record finding' }).click();
  await expect(chen.getByTestId('finding-No DPA signed')).toContainText('Open');
  // Until the decision the finding itself can be corrected: it is more serious than first typed.
  const findingRow = chen.getByTestId('finding-No DPA signed');
  await findingRow.getByText('Edit finding').click();
  const edit = findingRow.getByRole('form', { name: 'Update No DPA signed' });
  await edit.getByRole('combobox', { name: 'Severity' }).selectOption('high');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(findingRow.locator('td').nth(1)).toContainText(/high/i);

  await chen.getByTestId('submit-review').click();
  await expect(chen.getByTestId('review-status')).toHaveText('Awaiting decision');
  // Chen reviewed it, so Chen cannot decide it.
  await expect(chen.getByTestId('decider-hint')).toContainText('reviewer ≠ approver');
  await expect(chen.getByTestId('decider-hint')).toContainText('admin@acme.test');
  await expect(chen.getByTestId('decide-form')).toHaveCount(0);

  // The auditor reads it all and can change nothing.
  const priya = await pageAs(browser, 'auditor');
  await priya.goto(reviewUrl);
  await expect(priya.getByTestId('evidence-sha256')).toHaveText(EVIDENCE_SHA);
  await expect(priya.getByRole('button', { name: 'Save answers' })).toHaveCount(0);
  await expect(priya.getByTestId('evidence-file')).toHaveCount(0);
  await expect(priya.getByTestId('decide-form')).toHaveCount(0);
  const refused = await priya.request.post(
    `${reviewUrl.replace('/vendor-reviews/', '/api/vendor-reviews/')}/evidence`,
    {
      headers: { 'x-file-name': 'note.txt' },
      data: 'auditor note',
    },
  );
  expect(refused.status()).toBe(403);

  // Ada (admin) decides: conditions are required for a conditional approval.
  const ada = await pageAs(browser, 'admin');
  await ada.goto('/vendor-reviews?status=awaiting_decision');
  await ada.getByTestId(`review-row-${VENDOR}`).getByRole('link', { name: VENDOR }).click();
  const decide = ada.getByRole('form', { name: 'Decide' });
  const record = await hydrated(decide.getByRole('button', { name: 'Record decision' }));
  await decide.getByRole('radio', { name: 'Approved with conditions' }).check();
  await decide.getByRole('textbox', { name: 'Conditions' }).fill('DPA');
  await expect(decide.getByText('Write the conditions the vendor must meet')).toBeVisible();
  await decide
    .getByRole('textbox', { name: 'Conditions' })
    .fill('Sign the DPA within 30 days; re-review if the scope grows beyond translation.');
  await record.click();
  const summary = ada.getByTestId('decision-summary');
  await expect(summary).toContainText('Approved with conditions');
  await expect(summary).toContainText('admin@acme.test');
  await expect(summary).toContainText('Sign the DPA within 30 days');
  await expect(ada.getByTestId('approver')).toHaveText('admin@acme.test');
  await expect(ada.getByTestId('reviewer')).toHaveText('compliance@acme.test');

  // The vendor shows the decision in its history and the open finding.
  await ada.getByRole('link', { name: 'Vendor', exact: true }).click();
  await expect(ada.getByTestId('vendor-review-history')).toContainText('Approved with conditions');
  await expect(ada.getByTestId('vendor-open-findings')).toContainText('No DPA signed');
  await expect(ada.getByTestId('vendor-review-overdue')).toHaveCount(0);
});

test('overdue reviews show on the vendor, the vendor list and the overview', async ({
  browser,
}) => {
  const page = await pageAs(browser, 'compliance');
  await page.goto('/');
  await page.getByTestId('stat-overdue-reviews').click();
  await expect(page).toHaveURL(/\/vendors\?review=overdue$/);
  const row = page.getByTestId('vendor-row-Northwind Dev Contractors');
  await expect(row.getByTestId('vendor-review-overdue')).toBeVisible();
  await row.getByRole('link', { name: 'Northwind Dev Contractors' }).click();
  await expect(page.getByTestId('vendor-reviews-section')).toContainText('Review overdue');

  await page.goto('/vendor-reviews?overdue=1');
  await expect(page.getByTestId('review-row-Northwind Dev Contractors')).toContainText('Overdue');

  // Managers do not own these vendors: their list is empty, and says so.
  const mateo = await pageAs(browser, 'manager');
  await mateo.goto('/vendor-reviews?status=all');
  await expect(mateo.getByText('No reviews here')).toBeVisible();
});

test('signed out, evidence upload and download answer 401', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const id = '00000000-0000-4000-8000-000000000000';
  const baseURL = test.info().project.use.baseURL;
  expect(
    (
      await context.request.post(`${baseURL}/api/vendor-reviews/${id}/evidence`, { data: 'x' })
    ).status(),
  ).toBe(401);
  expect((await context.request.get(`${baseURL}/api/vendor-reviews/evidence/${id}`)).status()).toBe(
    401,
  );
});
