import { expect, test, type Locator, type Page } from '@playwright/test';
import { authFile, hydrated } from './helpers';

// A source unique to this run: entries (and so matches) never collide with earlier runs or the seed.
const SOURCE = `e2e-${Date.now().toString(36)}`;
// Jun Reyes (demo seed) has Telegram @junreyes_ph: an exact identifier hit under another name.
const IMPOSTOR = 'Jonah Reese';
// Priya Natarajan (demo seed) under a misspelt name: a fuzzy name-only hit.
const LOOKALIKE = 'Priya Natarajen';

const WATCHLIST_CSV = [
  'name,aliases,emails,phones,github,linkedin,telegram,wallets,source,notes',
  `${IMPOSTOR},J. Reese;Jon Reese,,,,,@junreyes_ph,,${SOURCE},Applied for support roles with a borrowed identity`,
  `${LOOKALIKE},,,,,,,,${SOURCE},Name from a shared impostor list`,
].join('\n');

/** The open/confirmed/false-positive count shown on a status tab. */
async function tabCount(page: Page, status: string): Promise<number> {
  return Number(await page.getByTestId(`tab-${status}`).locator('.badge').textContent());
}

/** This run's match card for a person. */
function card(page: Page, person: string): Locator {
  return page
    .getByTestId('match-card')
    .filter({ hasText: SOURCE })
    .filter({ has: page.getByRole('link', { name: person, exact: true }) });
}

test.describe('as a compliance officer, then an auditor', () => {
  test.use({ storageState: authFile('compliance') });

  test('imports a watchlist and reviews its matches; the auditor only reads them', async ({
    page: compliance,
    browser,
  }) => {
    test.slow();

    // 1. Import the watchlist through the wizard: the preview, then the confirmed import.
    await compliance.goto('/imports');
    const kind = await hydrated(compliance.getByRole('combobox', { name: 'What to import' }));
    await kind.selectOption({ label: 'Watchlist' });
    const input = await hydrated(compliance.getByTestId('import-file'));
    await input.setInputFiles({
      name: 'watchlist.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(WATCHLIST_CSV),
    });
    await expect(compliance.getByTestId('import-report')).toContainText('Preview of watchlist.csv');
    await expect(compliance.getByTestId('import-row-2')).toContainText('create');
    await expect(compliance.getByTestId('import-row-3')).toContainText('create');
    await compliance.getByRole('button', { name: 'Confirm import of 2 rows' }).click();
    const done = compliance.getByRole('status');
    await expect(done).toContainText('Done: 2 created, 0 updated, 0 unchanged');
    await expect(done).toContainText(/Screening found \d+ new match/);
    await done.getByRole('link', { name: 'review them' }).click();

    // 2. The queue shows both matches with what matched and how strongly.
    await expect(compliance).toHaveURL(/\/screening$/);
    await expect(compliance.getByRole('heading', { level: 1, name: 'Screening' })).toBeVisible();
    const jun = card(compliance, 'Jun Reyes');
    await expect(jun).toHaveAttribute('data-status', 'open');
    await expect(jun.getByTestId('entry-name')).toHaveText(IMPOSTOR);
    await expect(jun).toContainText('J. Reese, Jon Reese');
    await expect(jun).toContainText('Applied for support roles with a borrowed identity');
    await expect(jun).toContainText('Vendor staff');
    await expect(jun).toContainText('Vendor staff · Manila Support Partners');
    await expect(jun.getByTestId('match-score')).toHaveText('Exact identifier match');
    await expect(jun.getByTestId('matched-on')).toContainText('Telegram: junreyes_ph');

    const priya = card(compliance, 'Priya Natarajan');
    await expect(priya.getByTestId('entry-name')).toHaveText(LOOKALIKE);
    await expect(priya.getByTestId('match-score')).toHaveText(/^(9\d)% name similarity$/);
    await expect(priya.getByTestId('matched-on')).toContainText(`Name or alias: ${LOOKALIKE}`);

    const openBefore = await tabCount(compliance, 'open');
    const dismissedBefore = await tabCount(compliance, 'false_positive');
    expect(openBefore).toBeGreaterThanOrEqual(2);

    // 3. A reason under 5 characters is refused by the server and changes nothing.
    const form = jun.getByRole('form', { name: `Review Jun Reyes against ${IMPOSTOR}` });
    const dismiss = await hydrated(form.getByRole('button', { name: 'Mark false positive' }));
    await form.getByRole('textbox', { name: 'Reason for the decision' }).fill(' no ');
    await dismiss.click();
    await expect(form.getByRole('alert')).toHaveText('Give a reason of at least 5 characters');
    await expect(form.getByRole('textbox', { name: 'Reason for the decision' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await compliance.reload();
    await expect(card(compliance, 'Jun Reyes')).toHaveAttribute('data-status', 'open');
    expect(await tabCount(compliance, 'open')).toBe(openBefore);
    expect(await tabCount(compliance, 'false_positive')).toBe(dismissedBefore);

    // 4. With a reason, the match is dismissed and moves to the False positive tab.
    const reason = 'Telegram handle reused by a different person; checked on a video call';
    const form2 = card(compliance, 'Jun Reyes').getByRole('form');
    const dismiss2 = await hydrated(form2.getByRole('button', { name: 'Mark false positive' }));
    await form2.getByRole('textbox', { name: 'Reason for the decision' }).fill(reason);
    await dismiss2.click();
    await expect(card(compliance, 'Jun Reyes')).toHaveCount(0);
    await expect.poll(() => tabCount(compliance, 'open')).toBe(openBefore - 1);
    expect(await tabCount(compliance, 'false_positive')).toBe(dismissedBefore + 1);
    await compliance.getByTestId('tab-false_positive').click();
    await expect(compliance).toHaveURL(/\/screening\?status=false_positive$/);
    const dismissed = card(compliance, 'Jun Reyes');
    await expect(dismissed).toHaveAttribute('data-status', 'false_positive');
    await expect(dismissed.getByTestId('review-reason')).toHaveText(reason);
    await expect(dismissed.getByTestId('review-outcome')).toContainText('by Chen Wei');
    await expect(dismissed.getByTestId('review-form')).toHaveCount(0);

    // The person page lists the match with its decision.
    await dismissed.getByRole('link', { name: 'Jun Reyes', exact: true }).click();
    await expect(compliance.getByRole('heading', { level: 1, name: 'Jun Reyes' })).toBeVisible();
    const onPerson = compliance.getByTestId('person-matches').getByRole('row', { name: IMPOSTOR });
    await expect(onPerson).toContainText('False positive');
    await expect(onPerson).toContainText(reason);

    // 5. The auditor reads the queue and the watchlist, with no review or import controls.
    const auditorContext = await browser.newContext({ storageState: authFile('auditor') });
    const auditor = await auditorContext.newPage();
    await auditor.goto('/screening');
    const openForAuditor = card(auditor, 'Priya Natarajan');
    await expect(openForAuditor).toHaveAttribute('data-status', 'open');
    await expect(openForAuditor.getByTestId('match-score')).toHaveText(/% name similarity$/);
    await expect(auditor.getByTestId('review-form')).toHaveCount(0);
    await expect(auditor.getByRole('button', { name: 'Mark false positive' })).toHaveCount(0);
    await expect(auditor.getByRole('link', { name: 'Import a watchlist' })).toHaveCount(0);
    await auditor.getByTestId('tab-false_positive').click();
    await expect(card(auditor, 'Jun Reyes').getByTestId('review-reason')).toHaveText(reason);
    await auditor.getByTestId('tab-watchlist').click();
    await expect(auditor).toHaveURL(/\/screening\/watchlist$/);
    const row = auditor.getByTestId('watchlist-row').filter({ hasText: SOURCE });
    await expect(row).toHaveCount(2);
    await expect(row.filter({ hasText: IMPOSTOR })).toContainText('Telegram: junreyes_ph');
    await expect(auditor.getByRole('link', { name: 'Import a watchlist' })).toHaveCount(0);
    await auditorContext.close();

    // 6. Confirming works the same way and lands on the Confirmed tab.
    await compliance.goto('/screening');
    const confirmForm = card(compliance, 'Priya Natarajan').getByRole('form');
    const confirm = await hydrated(confirmForm.getByRole('button', { name: 'Confirm match' }));
    await confirmForm
      .getByRole('textbox', { name: 'Reason for the decision' })
      .fill('Same person: the CV matches the impostor profile');
    await confirm.click();
    await expect(card(compliance, 'Priya Natarajan')).toHaveCount(0);
    await compliance.goto('/screening?status=confirmed');
    await expect(card(compliance, 'Priya Natarajan')).toHaveAttribute('data-status', 'confirmed');
  });
});

test.describe('as a manager', () => {
  test.use({ storageState: authFile('manager') });

  test('is refused the screening pages', async ({ page }) => {
    for (const path of ['/screening', '/screening/watchlist']) {
      await page.goto(path);
      await expect(page.getByText('Not available to your role')).toBeVisible();
      await expect(page.getByTestId('match-card')).toHaveCount(0);
    }
  });
});
