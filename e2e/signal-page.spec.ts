import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('compliance') });

// The demo seed ends in Jun Reyes's night-time export of 3,120 customer records: a volume spike
// against his month of a few records a day (server/cli/seed/demo/activity.ts).
test('a volume spike says why it is medium in words, and charts the day against his usual', async ({
  page,
}) => {
  await page.goto('/signals?status=all&kind=volume_spike');
  await page
    .getByTestId('signals')
    .getByRole('row')
    .filter({ hasText: 'Jun Reyes' })
    .getByRole('link', { name: 'Volume spike' })
    .click();

  const sentence = page.getByTestId('signal-severity');
  await expect(sentence).toHaveText(
    /^Medium: 3,120 records on \w{3} \d{1,2} \w{3} — [\d,.]+× this person’s usual day \(median \d+\); no peer group of 5 or more to compare with, so it stays medium$/,
  );
  await expect(page.getByTestId('signal-window')).toContainText('in Asia/Manila (UTC+8)');
  await expect(page.getByTestId('signal-window')).toContainText('UTC');
  // Readable labels, never the stat keys the detector stored.
  const facts = page.getByTestId('signal-facts');
  await expect(facts).toContainText('Their usual day (median)');
  await expect(facts).not.toContainText('ownMedian');
  await expect(facts).not.toContainText('robustZ');

  const chart = page.getByTestId('baseline-chart');
  await expect(chart.getByText('Records touched per day')).toBeVisible();
  // Recharts draws once its container has a size: a bar per active day (a day without activity
  // is a zero, drawn as nothing), the signal's day in its own colour.
  await expect(chart.locator('.recharts-bar-rectangle path[fill="#b42318"]')).toHaveCount(1);
  expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(20);
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /3,120 records on/);
  await expect(page.getByTestId('baseline-summary')).toContainText('against their median of');
  // The text alternative: a table of the 31 days for screen readers.
  await expect(page.getByRole('table', { name: /Records touched per day/ })).toHaveCount(1);
});

// The demo seed's identity_reuse pair: Jordan Lee and Sam Taylor share a phone
// (server/cli/seed/demo/inventory.ts). Neither is in a case, so compliance officers see them by
// pseudonym (e2e/pseudonyms.spec.ts); auditors see the names and the links.
test('an identity reuse says who else holds the value, with links to them', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, storageState: authFile('auditor') });
  const page = await context.newPage();
  await page.goto('/signals?status=all&kind=identity_reuse');
  await page
    .getByTestId('signals')
    .getByRole('row')
    // Sam Taylor's own signal names Jordan Lee too; this is Jordan's.
    .filter({ hasText: 'Jordan Lee: phone' })
    .getByRole('link', { name: 'Identity reuse' })
    .click();
  await expect(page.getByTestId('signal-severity')).toHaveText(
    /^High: Phone \S+ is also held by 1 other person — a phone normally belongs to one person, so sharing one is high$/,
  );
  const holders = page.getByTestId('also-held-by');
  await expect(holders.getByText('Candidate')).toBeVisible();
  await holders.getByRole('link', { name: 'Sam Taylor' }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sam Taylor' })).toBeVisible();
  await context.close();
});

// Jun Reyes's night-time AnyDesk export from the Netherlands joins into a chain in the demo.
test('an incident chain lists its parts, and each part links back to the chain', async ({
  page,
}) => {
  await page.goto('/signals?status=all&kind=incident_chain');
  await page
    .getByTestId('signals')
    .getByRole('row')
    .filter({ hasText: 'Jun Reyes' })
    .getByRole('link', { name: 'Incident chain' })
    .click();
  await expect(page.getByTestId('signal-severity')).toContainText(
    'Critical: Remote or foreign access, then data out:',
  );
  const chainUrl = page.url();
  const parts = page.getByTestId('chain-part');
  expect(await parts.count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('chain-parts')).toContainText('remote control');
  await expect(page.getByTestId('chain-parts')).toContainText('in Asia/Manila (UTC+8)');
  await parts.filter({ hasText: 'Remote access tool' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Remote access tool' })).toBeVisible();
  const back = page.getByTestId('signal-chains').getByRole('link');
  await expect(back).toHaveText('Remote or foreign access, then data out');
  await back.click();
  await expect(page).toHaveURL(chainUrl);
});
