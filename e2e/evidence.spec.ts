import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readZip, writeZip } from '../tests/helpers/zip';
import { auditRows, authFile, filterAuditByAction, hydrated } from './helpers';

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor'), acceptDownloads: true });

  test('generates a package, downloads it, verifies it (and a tampered copy), and finds the download in the audit log', async ({
    page,
  }) => {
    await page.goto('/evidence');
    await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Generate an evidence package' });
    const generate = await hydrated(form.getByRole('button', { name: 'Generate package' }));
    // Every section is offered and chosen by default.
    await expect(form.getByRole('checkbox', { name: /^Signals and cases/ })).toBeChecked();
    await expect(form.getByRole('checkbox', { name: /^Attestations/ })).toBeChecked();
    const packages = page.getByTestId('evidence-package');
    // Count only once the list has loaded: while it loads it shows no rows at all.
    await expect(page.getByTestId('evidence-packages')).toHaveAttribute('aria-busy', 'false');
    const before = await packages.count();
    await generate.click();
    await expect(packages).toHaveCount(before + 1);
    const mine = packages.first();
    await expect(mine).toContainText('auditor@acme.test');
    // The durable job runs in the background; the list polls its progress until it is ready.
    const download = mine.getByRole('link', { name: 'Download' });
    await expect(download).toBeVisible({ timeout: 45_000 });
    await expect(mine.getByText('ready', { exact: true })).toBeVisible();
    // The whole hash is shown (wrapped), with a button copying it.
    const hashCell = mine.getByTestId('manifest-hash');
    const manifestHash = await hashCell.locator('.mono').textContent();
    expect(manifestHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(hashCell.getByRole('button', { name: 'Copy the manifest hash' })).toBeVisible();

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^vigil-evidence-acme-\d{4}-\d{2}-\d{2}-to-.+\.zip$/);
    const zipPath = path.join(os.tmpdir(), `e2e-evidence-${Date.now()}.zip`);
    await file.saveAs(zipPath);

    await page.goto('/evidence/verify');
    const verify = page.getByRole('form', { name: 'Verify a package' });
    await hydrated(verify.getByRole('button', { name: 'Verify' }));
    await verify.locator('input[type="file"]').setInputFiles(zipPath);
    await verify.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByTestId('verify-result');
    await expect(result.getByRole('status')).toHaveText(
      'Package intact: every hash and the audit chain verified',
    );
    await expect(result).toContainText(manifestHash!);
    await expect(result).toContainText('Yes: matches the package auditor@acme.test generated');
    // 21 CSVs, each also as its spreadsheet-safe copy (docs/EVIDENCE.md), the audit segment, the
    // signed audit head (docs/SECURITY.md §Anchored head), the PDF.
    await expect(result.locator('tr[data-status="ok"]')).toHaveCount(45);
    await expect(page.getByTestId('chain-result')).toContainText(/Chain verified: \d+ entries/);

    // One edited byte in a CSV and one edited audit entry: each is named.
    const files = await readZip(zipPath);
    const grants = Buffer.from(files.get('access/grants.csv')!);
    grants[grants.length - 5] = grants[grants.length - 5]! ^ 1;
    const lines = files.get('audit/audit_log.jsonl')!.toString('utf8').split('\n');
    lines[2] = lines[2]!.replace('"actorLabel":"', '"actorLabel":"x');
    const tampered = new Map(files)
      .set('access/grants.csv', grants)
      .set('audit/audit_log.jsonl', Buffer.from(lines.join('\n')));
    const tamperedPath = zipPath.replace(/\.zip$/, '-tampered.zip');
    await writeZip(tamperedPath, tampered);
    await verify.locator('input[type="file"]').setInputFiles(tamperedPath);
    await verify.getByRole('button', { name: 'Verify' }).click();
    await expect(result.getByRole('alert')).toHaveText('Package does not verify');
    await expect(result.locator('tr[data-status="mismatch"]')).toHaveText([
      /access\/grants\.csv/,
      /audit\/audit_log\.jsonl/,
    ]);
    await expect(page.getByTestId('chain-result')).toContainText(
      /line 3, entry #\d+: hash does not match the entry contents \(altered\)/,
    );
    fs.rmSync(zipPath, { force: true });
    fs.rmSync(tamperedPath, { force: true });

    // Generation and the download are audit-log entries.
    await filterAuditByAction(page, 'evidence.');
    await expect(auditRows(page, 'evidence.download').first()).toContainText('auditor@acme.test');
    await expect(auditRows(page, 'evidence.generate').first()).toBeVisible();
    await expect(auditRows(page, 'evidence.request').first()).toBeVisible();
  });

  test('sees records without any control that would change them', async ({ page }) => {
    const editing =
      /^(Save|Edit|Delete|Remove|Add|Create|Approve|Deny|Revoke|Request|Open case|Escalate|Acknowledge|Dismiss|Close|Assign|Suspend|Link|Import|Upload|Invite)/;
    for (const list of ['/vendors', '/people', '/systems', '/access', '/signals', '/cases']) {
      await page.goto(list);
      const detail = page.locator(`main a[href^="${list}/"]`).first();
      const pages = [list];
      if ((await detail.count()) > 0) pages.push((await detail.getAttribute('href'))!);
      for (const p of pages) {
        await page.goto(p);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const buttons = await page.locator('main button:enabled').allInnerTexts();
        expect({ page: p, editing: buttons.filter((b) => editing.test(b.trim())) }).toEqual({
          page: p,
          editing: [],
        });
      }
    }
  });
});

test.describe('the evidence routes', () => {
  test('refuse managers, cross-site posts and the signed-out', async ({ browser, baseURL }) => {
    const manager = await browser.newContext({ baseURL, storageState: authFile('manager') });
    const page = await manager.newPage();
    await page.goto('/evidence');
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await manager.request.get(`/api/evidence/${id}/download`)).status()).toBe(403);
    expect((await manager.request.post('/api/evidence/verify', { data: 'PK' })).status()).toBe(403);
    await manager.close();

    const auditor = await browser.newContext({ baseURL, storageState: authFile('auditor') });
    const crossSite = await auditor.request.post('/api/evidence/verify', {
      data: 'PK',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status()).toBe(403);
    expect((await auditor.request.get(`/api/evidence/${id}/download`)).status()).toBe(404);
    const notZip = await auditor.request.post('/api/evidence/verify', { data: 'not a zip' });
    expect(notZip.status()).toBe(200);
    expect((await notZip.json()).verification).toMatchObject({ ok: false });
    await auditor.close();

    const anonymous = await browser.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    expect((await anonymous.request.get(`/api/evidence/${id}/download`)).status()).toBe(401);
    expect((await anonymous.request.post('/api/evidence/verify', { data: 'PK' })).status()).toBe(
      401,
    );
    await anonymous.close();
  });
});
