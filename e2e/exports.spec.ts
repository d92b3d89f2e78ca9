import fs from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { anonymousContext, authFile, filterAuditByAction } from './helpers';

// List CSV exports (docs/INTERFACES.md §CSV exports): the page's filters, every row, audited.

async function csvLines(download: Download): Promise<string[]> {
  const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  return text.split('\r\n').filter((line) => line !== '');
}

test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance'), acceptDownloads: true });

  test('exports the filtered signals, then finds the export in the audit log and exports that', async ({
    page,
  }) => {
    await page.goto('/signals?status=all&severity=high');
    await expect(page.getByRole('heading', { level: 1, name: 'Signals' })).toBeVisible();
    const shown = await page.getByTestId('signals').locator('tbody tr').count();
    expect(shown).toBeGreaterThan(0);
    // Less than one page: the visible rows are every row the filter selects.
    expect(shown).toBeLessThan(25);
    const [signalsFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(signalsFile.suggestedFilename()).toMatch(/^vigil-signals-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = await csvLines(signalsFile);
    expect(lines[0]).toBe(
      'id,created_at,kind,severity,status,person_id,person,vendor_id,vendor,window_start,window_end,explanation',
    );
    expect(lines.length - 1).toBe(shown);
    expect(lines.slice(1).every((l) => l.split(',')[3] === 'high')).toBe(true);

    await filterAuditByAction(page, 'export.csv');
    const entry = page.getByRole('row').filter({ hasText: 'compliance@acme.test' }).first();
    await expect(entry).toContainText('export.csv');
    await entry.locator('details.audit-change summary').click();
    await expect(entry.locator('table.audit-diff')).toContainText('filters.severity');

    const [auditFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const audit = await csvLines(auditFile);
    expect(audit[0]).toBe(
      'seq,id,occurred_at,actor_type,actor,action,entity_type,entity_id,before,after,hash',
    );
    expect(audit.length).toBeGreaterThan(1);
    expect(audit.slice(1).every((l) => l.includes(',export.csv,export,'))).toBe(true);
    expect(audit.some((l) => l.includes('compliance@acme.test') && l.includes('high'))).toBe(true);
  });
});

test('refuses signed-out callers and roles the list refuses', async ({ browser, baseURL }) => {
  const anonymous = await anonymousContext(browser, baseURL!);
  expect((await anonymous.request.get('/api/export/signals')).status()).toBe(401);
  const manager = await browser.newContext({ baseURL, storageState: authFile('manager') });
  expect((await manager.request.get('/api/export/signals')).status()).toBe(403);
  expect((await manager.request.get('/api/export/audit')).status()).toBe(403);
  const vendors = await manager.request.get('/api/export/vendors');
  expect(vendors.status()).toBe(200);
  expect(vendors.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(vendors.headers()['content-disposition']).toMatch(/^attachment; filename="vigil-vendors-/);
  expect(vendors.headers()['x-content-type-options']).toBe('nosniff');
  expect(vendors.headers()['cache-control']).toContain('no-store');
  await anonymous.close();
  await manager.close();
});
