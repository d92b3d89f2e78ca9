import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

// docs/IMPOSTORS.md §Sharing: the watchlist page exports a STIX bundle and imports STIX or MISP.
const RUN = Date.now().toString(36);
// STIX ids need a hex UUID: this run's time in hex keeps them unique per run.
const HEX = Date.now().toString(16).padStart(10, '0').slice(-10);
const U = (n: number) => `6f1b2c3d-4e5f-4a6b-8c7d-${HEX}0${n}`;

const bundle = (objects: unknown[]) =>
  Buffer.from(JSON.stringify({ type: 'bundle', id: `bundle--${U(9)}`, objects }));
const indicator = (n: number, pattern: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${U(n)}`,
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
  name: `E2E shared profile ${RUN} ${n}`,
  pattern,
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
});

test.describe('as a compliance officer', () => {
  test.use({ storageState: authFile('compliance') });

  test('imports a feed, rejected objects first, then exports it hashed', async ({ page }) => {
    test.slow();
    await page.goto('/screening/watchlist');
    const sharing = page.getByTestId('indicator-sharing');
    await expect(sharing.getByRole('heading', { name: 'Export STIX bundle' })).toBeVisible();

    // Import: a bundle with a bad pattern is refused with the object's id and reason.
    await page.getByLabel('Source name').fill(`community: e2e ${RUN}`);
    const file = await hydrated(page.getByTestId('indicators-file'));
    await file.setInputFiles({
      name: 'feed.json',
      mimeType: 'application/json',
      buffer: bundle([
        indicator(1, `[email-addr:value = 'e2e-${RUN}@impostor.example']`),
        indicator(2, "[email-addr:value = 'broken"),
      ]),
    });
    const report = page.getByTestId('indicators-report');
    await expect(report).toContainText('1 rejected');
    await expect(page.getByTestId('indicators-rejected')).toContainText(`indicator--${U(2)}`);
    await expect(page.getByTestId('indicators-rejected')).toContainText('invalid STIX pattern');
    await page.screenshot({ path: 'test-results/indicators-rejected.png', fullPage: true });

    // The fixed file previews, then imports.
    await file.setInputFiles({
      name: 'feed-fixed.json',
      mimeType: 'application/json',
      buffer: bundle([indicator(1, `[email-addr:value = 'e2e-${RUN}@impostor.example']`)]),
    });
    await expect(report).toContainText('1 created');
    await page.getByRole('button', { name: 'Import 1 entry' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
      'Imported: 1 created',
    );
    await expect(page.getByTestId('watchlist-table')).toContainText(`E2E shared profile ${RUN} 1`);
    // Export: the download is a STIX bundle whose indicators carry hashes only.
    const exportButton = await hydrated(
      sharing.getByRole('button', { name: 'Export STIX bundle' }),
    );
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^vigil-indicators-.*-hashed\.json$/);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported.type).toBe('bundle');
    // The entry just imported is shared hashed: its hash, never its address or name.
    const text = JSON.stringify(exported);
    expect(text).toContain("hashes.'SHA-256'");
    expect(text).not.toContain(`e2e-${RUN}@impostor.example`);
    expect(text).not.toContain(`E2E shared profile ${RUN}`);
    await expect(page.getByTestId('export-result')).toContainText(
      /Exported \d+ indicators? \(hashed\)/,
    );

    await page.screenshot({ path: 'test-results/indicators-imported.png', fullPage: true });
  });
});

test('TAXII discovery answers a client without a key in TAXII terms, not with the sign-in page', async ({
  request,
}) => {
  const res = await request.get('/taxii2/', {
    headers: { accept: 'application/taxii+json;version=2.1' },
    maxRedirects: 5,
  });
  expect(res.status()).toBe(401);
  expect(res.headers()['content-type']).toBe('application/taxii+json;version=2.1');
  expect(await res.json()).toMatchObject({ http_status: '401' });
});
