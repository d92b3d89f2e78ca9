import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

// docs/PRIVACY.md §Pseudonymized investigation. The demo organization is new, so it pseudonymizes;
// Jun Reyes is in the demo case (named), Jordan Lee and Sam Taylor, who share a phone, are in none,
// nor are Victor Hale and Alex Kim, who share a shipping address (docs/IMPOSTORS.md).
// The demo compliance officer holds the reveal permission.
const REASON = `Works council case WC-${Date.now().toString(36)}: checking the shared phone`;

test.describe.serial('pseudonymized investigation', () => {
  test('compliance sees pseudonyms in the queue, on the signal page and in the risk list', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, storageState: authFile('compliance') });
    const page = await context.newPage();
    await page.goto('/signals?status=all&kind=identity_reuse');
    const queue = page.getByTestId('signals');
    await expect(queue.getByTestId('pseudonym').first()).toHaveText(
      /^Person [0-9A-F]{4}-[0-9A-F]{4}$/,
    );
    await expect(queue).not.toContainText('Jordan Lee');
    await expect(queue).not.toContainText('Sam Taylor');

    // The same pseudonym on the signal page, with the other holder pseudonymized too.
    const pseudonym = (await queue.getByTestId('pseudonym').first().textContent())!;
    await queue.getByRole('link', { name: 'Identity reuse' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const main = page.locator('main');
    await expect(page.getByTestId('pseudonymized-note')).toContainText(pseudonym);
    await expect(main.getByTestId('pseudonym').first()).toHaveText(pseudonym);
    await expect(main).not.toContainText('Jordan Lee');
    await expect(main).not.toContainText('Sam Taylor');
    await expect(page.getByTestId('also-held-by').getByTestId('pseudonym')).toBeVisible();

    // Searching the risk list by name finds nobody pseudonymized; the ranking shows pseudonyms.
    await page.goto('/people?sort=risk');
    await expect(page.getByTestId('person-row-pseudonymized').first()).toBeVisible();
    await page.goto('/people?sort=risk&q=Jordan');
    await expect(page.getByTestId('person-row-pseudonymized')).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('Jordan Lee');
    await context.close();
  });

  test('compliance reveals a person with a reason; the name shows and the reveal is audited', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, storageState: authFile('compliance') });
    const page = await context.newPage();
    await page.goto('/signals?status=all&kind=identity_reuse');
    await page.getByTestId('signals').getByRole('link', { name: 'Identity reuse' }).first().click();
    const pseudonym = (await page.getByTestId('pseudonymized-note').textContent())!.match(
      /Person [0-9A-F]{4}-[0-9A-F]{4}/,
    )![0];

    await (await hydrated(page.getByTestId('reveal-open'))).click();
    const dialog = page.getByRole('dialog', { name: `Reveal ${pseudonym}` });
    await expect(dialog).toContainText('auditors see every reveal');
    const submit = dialog.getByRole('button', { name: 'Reveal', exact: true });
    await dialog.getByRole('textbox', { name: 'Why do you need the name?' }).fill('curious');
    await submit.click();
    await expect(
      dialog.getByText('Say why you need the name (at least 10 characters)'),
    ).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Why do you need the name?' }).fill(REASON);
    await submit.click();
    await expect(dialog).toBeHidden();

    // The name shows, linked to the person, and the pseudonym note is gone.
    const about = page
      .getByRole('link', { name: /^(Jordan Lee|Sam Taylor|Victor Hale|Alex Kim)$/ })
      .first();
    await expect(about).toBeVisible();
    await expect(page.getByTestId('pseudonymized-note')).toHaveCount(0);
    await expect(page.getByTestId('reveal-open')).toHaveCount(0);
    await context.close();
  });

  test('the auditor sees every reveal: who, whom, why', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: authFile('auditor') });
    const page = await context.newPage();
    await page.goto('/audit');
    await page.getByRole('link', { name: 'Reveals' }).click();
    const reveals = page.getByTestId('reveals');
    const row = reveals.getByRole('row').filter({ hasText: REASON });
    await expect(row).toContainText('compliance@acme.test');
    await expect(row).toContainText(/Jordan Lee|Sam Taylor|Victor Hale|Alex Kim/);
    await expect(row).toContainText('active');
    await expect(page.getByText('person.revealed', { exact: true }).first()).toBeVisible();
    await context.close();
  });
});
