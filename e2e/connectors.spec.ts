import { expect, test } from '@playwright/test';
import { oktaEvents, startFakeOkta, type FakeOkta } from '../tests/helpers/fake-okta';
import { authFile, hydrated } from './helpers';

// The fake Okta System Log (tests/helpers/fake-okta.ts) on 127.0.0.1; the app under test allows
// private targets (playwright.config.ts sets VIGIL_WEBHOOK_ALLOW_PRIVATE=1).
const FAKE_PORT = Number(process.env.E2E_PORT ?? 3100) + 23;

let okta: FakeOkta;
test.beforeAll(async () => {
  okta = await startFakeOkta({ port: FAKE_PORT, events: oktaEvents(12, undefined, 'e2e') });
});
test.afterAll(async () => {
  await okta?.close();
});

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('adds an Okta connector, tests and runs it, and its events arrive with no upload', async ({
    page,
  }) => {
    const name = `Okta e2e ${Date.now().toString(36)}`;
    await page.goto('/settings/connectors');
    await expect(page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();

    const add = await hydrated(page.getByRole('button', { name: 'Add connector' }));
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="url"]').fill('not a url');
    await page.locator('input[name="secret"]').fill(okta.token);
    await add.click();
    await expect(page.getByText('Enter a full URL, e.g. https://example.okta.com')).toBeVisible();

    await page.locator('input[name="url"]').fill(okta.url);
    await page.locator('input[name="intervalMinutes"]').fill('60');
    await add.click();
    const row = page.getByTestId(`connector-${name}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(okta.url);
    await expect(row).toContainText(`token ••••${okta.token.slice(-4)}`);
    await expect(row.getByTestId('connector-status')).toHaveText('active');
    // The token never reaches the browser.
    expect(await page.content()).not.toContain(okta.token);

    await (await hydrated(row.getByRole('button', { name: `Test connection of ${name}` }))).click();
    await expect(row.getByTestId('connector-test-result')).toHaveText('Fetched 1 page, 12 events.');

    await row.getByRole('button', { name: `Run ${name} now` }).click();
    const runs = page.getByTestId(`connector-runs-${name}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          return runs.getByText('succeeded').count();
        },
        { timeout: 60_000, intervals: [1000, 2000] },
      )
      .toBeGreaterThan(0);
    // The run (or the schedule's first one) stored all 12, through the Okta parser.
    await expect(runs.getByRole('cell', { name: '12', exact: true }).first()).toBeVisible();
    expect(okta.requests.every((r) => r.authorization === `SSWS ${okta.token}`)).toBe(true);
    await page.screenshot({ path: 'test-results/connectors.png', fullPage: true });

    // The events are in the logs like an upload's, without one.
    await page.goto('/logs');
    const batch = page
      .getByTestId('batches')
      .getByRole('row')
      .filter({ hasText: `${name} (connector)` })
      .first();
    await expect(batch).toContainText('okta · connector');
    await expect(batch).toContainText(`connector:${name}`);

    // Paused, it offers Resume and no Run now; deleting it keeps its events.
    await page.goto('/settings/connectors');
    await (await hydrated(row.getByRole('button', { name: `Pause ${name}` }))).click();
    await expect(row.getByTestId('connector-status')).toHaveText('paused');
    await expect(row.getByRole('button', { name: `Run ${name} now` })).toHaveCount(0);
    await row.getByRole('button', { name: 'Delete' }).click();
    await row
      .getByRole('group', { name: `Confirm deleting ${name}` })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(row).toHaveCount(0);
  });
});
