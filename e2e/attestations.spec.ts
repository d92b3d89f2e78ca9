import { expect, test, type Browser, type Page } from '@playwright/test';
import { anonymousContext, authFile, hydrated, type DemoRole } from './helpers';

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

// Issue 6: launch an attestation campaign, open the link from the outbox, sign it (no account),
// and see it counted.
test('compliance launches a campaign; the person signs from the mailed link; it is counted', async ({
  browser,
  baseURL,
}) => {
  const compliance = await pageAs(browser, 'compliance');
  await compliance.goto('/attestations');
  const form = compliance.getByRole('form', { name: 'Launch a campaign' });
  const launch = await hydrated(form.getByRole('button', { name: 'Launch campaign' }));
  const name = `Conflicts ${Date.now().toString(36)}`;
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form
    .getByRole('combobox', { name: 'Template' })
    .selectOption({ label: 'Conflict of interest (v1)' });
  await form.getByRole('combobox', { name: 'Audience' }).selectOption('vendor_staff');
  await form
    .getByRole('combobox', { name: 'Vendor' })
    .selectOption({ label: 'Northwind Dev Contractors' });
  // The live count names who will be asked before anything is sent.
  await expect(form.getByTestId('audience-preview')).toContainText('1 person will get a link');
  await expect(form.getByTestId('audience-preview')).toContainText('Alex Kim');
  await launch.click();
  await expect(compliance).toHaveURL(/\/attestations\/[0-9a-f-]{36}\?launched=1$/);
  const campaignUrl = compliance.url().replace('?launched=1', '');
  await expect(compliance.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(compliance.getByTestId('completion').first()).toContainText('0/1 signed');
  await expect(compliance.getByTestId('request-alex.kim@northwind.example')).toContainText(
    'Pending',
  );

  // Without SMTP the message waits in the admin's outbox, its link clickable.
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/settings/outbox');
  const message = admin
    .getByTestId('outbox-message')
    .filter({ hasText: 'Please sign: Conflict of interest' })
    .filter({ hasText: 'alex.kim@northwind.example' })
    .first();
  await message.locator('summary').click();
  const href = await message.locator('a[href*="/attest/"]').first().getAttribute('href');
  expect(href).toMatch(/\/attest\/[A-Za-z0-9_-]{43}$/);

  // The person has no account: a fresh browser with nobody signed in opens the link.
  const context = await anonymousContext(browser, baseURL!);
  const signer = await context.newPage();
  const response = await signer.goto(href!);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  expect(response?.headers()['x-robots-tag']).toContain('noindex');
  await expect(
    signer.getByRole('heading', { level: 1, name: 'Conflict of interest' }),
  ).toBeVisible();
  await expect(signer.getByText('asks Alex Kim to sign')).toBeVisible();
  // Nobody else's request shows on this page.
  await expect(signer.getByText('Maria Santos')).toHaveCount(0);
  const sign = await hydrated(signer.getByRole('button', { name: 'Sign', exact: true }));
  // Answering yes asks for the details first.
  await signer
    .getByRole('group', { name: /paid or unpaid work/ })
    .getByLabel('No')
    .check();
  await signer
    .getByRole('group', { name: /hold an interest/ })
    .getByLabel('No')
    .check();
  await signer.getByRole('textbox', { name: /Type your full name/ }).fill('Alex');
  await sign.click();
  await expect(signer.getByText('Type your full name as it appears above')).toBeVisible();
  await signer.getByRole('textbox', { name: /Type your full name/ }).fill('Alex Kim');
  await sign.click();
  const receipt = signer.getByTestId('signed-receipt');
  await expect(receipt).toContainText('Signed. Thank you.');
  await expect(receipt).toContainText(/[0-9a-f]{64}/);

  // Single use: the same link now shows only the receipt.
  await signer.reload();
  await expect(signer.getByTestId('attest-done')).toContainText('This link cannot be used again');
  await expect(signer.getByRole('button', { name: 'Sign', exact: true })).toHaveCount(0);
  await context.close();

  // Back as compliance: counted, with the signature and the document's SHA-256.
  await compliance.goto(campaignUrl);
  await expect(compliance.getByTestId('completion').first()).toContainText('1/1 signed');
  const row = compliance.getByTestId('request-alex.kim@northwind.example');
  await expect(row).toContainText('Signed');
  await expect(row).toContainText('as “Alex Kim”');
  await expect(row).toContainText(/[0-9a-f]{64}/);

  // The overview's completion panel drills down to the campaign.
  await compliance.goto('/');
  await compliance.getByTestId('attestation-panel').getByRole('link', { name }).click();
  await expect(compliance).toHaveURL(campaignUrl);

  // Closing asks once; keeping it open changes nothing.
  await (await hydrated(compliance.getByRole('button', { name: 'Close campaign' }))).click();
  const confirm = compliance.getByRole('group', { name: 'Confirm closing' });
  await expect(confirm).toContainText('Everyone has answered.');
  await confirm.getByRole('button', { name: 'Keep open' }).click();
  await compliance.getByRole('button', { name: 'Close campaign' }).click();
  await confirm.getByRole('button', { name: 'Close it' }).click();
  await expect(compliance.getByText('Closed', { exact: true })).toBeVisible();
  await expect(compliance.getByRole('button', { name: 'Close campaign' })).toHaveCount(0);
});

test('an unknown link says so and shows nothing', async ({ browser, baseURL }) => {
  const context = await anonymousContext(browser, baseURL!);
  const page = await context.newPage();
  await page.goto(`/attest/${'A'.repeat(43)}`);
  await expect(page.getByTestId('attest-refused')).toContainText('This link is not valid');
  await context.close();
});

test('the demo disclosure is a signal, and auditors read campaigns without edit controls', async ({
  browser,
}) => {
  const compliance = await pageAs(browser, 'compliance');
  await compliance.goto('/signals?kind=attestation_disclosure');
  // The demo pseudonymizes investigation: the discloser shows as a pseudonym (docs/PRIVACY.md).
  await compliance
    .getByTestId('signals')
    .getByRole('row')
    .filter({ hasText: /Person [0-9A-F]{4}-[0-9A-F]{4}/ })
    .getByRole('link', { name: 'Attestation disclosure' })
    .first()
    .click();
  await expect(compliance.getByTestId('signal-explanation')).toContainText('Telegram');
  await compliance.getByTestId('signal-attestation').click();
  await expect(compliance.getByRole('heading', { level: 1 })).toHaveText(
    'Anti-bribery declaration 2026',
  );

  const auditor = await pageAs(browser, 'auditor');
  await auditor.goto('/attestations');
  await expect(auditor.getByTestId('campaigns')).toContainText('Manila Support: acceptable use');
  await expect(auditor.getByRole('form', { name: 'Launch a campaign' })).toHaveCount(0);
  await auditor.getByRole('link', { name: 'Manila Support: acceptable use' }).click();
  await expect(auditor.getByTestId('request-jun.reyes@manilasupport.example')).toContainText(
    'Overdue',
  );
  await expect(auditor.getByRole('button', { name: /Resend/ })).toHaveCount(0);
});

test('compliance writes a template: problems are named, a valid one saves', async ({ browser }) => {
  const compliance = await pageAs(browser, 'compliance');
  await compliance.goto('/attestations/templates/new');
  const form = compliance.getByRole('form', { name: 'Template' });
  const create = await hydrated(form.getByRole('button', { name: 'Create template' }));
  const title = `Gifts register ${Date.now().toString(36)}`;
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  await form
    .getByRole('textbox', { name: 'Body (markdown)' })
    .fill('## Gifts\n\nDeclare **every** gift.');
  await expect(form.getByTestId('markdown-preview').locator('strong')).toHaveText('every');
  await form.getByRole('textbox', { name: 'Question', exact: true }).fill('Ok?');
  await create.click();
  await expect(form.getByTestId('template-issues')).toContainText(
    'Question 1: Write the question (at least 5 characters)',
  );
  await form
    .getByRole('textbox', { name: 'Question', exact: true })
    .fill('Did you receive a gift worth more than 100 EUR this year?');
  await create.click();
  await expect(compliance).toHaveURL(/\/attestations\/templates\/[0-9a-f-]{36}\?saved=1$/);
  await expect(compliance.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await compliance.goto('/attestations/templates');
  await expect(compliance.getByTestId('templates')).toContainText(title);
});
