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
