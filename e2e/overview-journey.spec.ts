import { expect, test } from '@playwright/test';
import { authFile, hydrated } from './helpers';

// Issue 5's journey: from the overview's charts to a person, why they score high, a case opened
// from their signal, a grant revoked from the case, and the detector's precision moving.
test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance') });

  test('drills from the signals chart into the queue behind a bar', async ({ page }) => {
    await page.goto('/');
    // Any named kind's bar (which kinds make the six shown depends on the demo data's day).
    const bar = page
      .getByTestId('signals-over-time')
      .locator('[data-testid^="bar-"]:not([data-testid^="bar-other-"])');
    await expect(bar.first()).toBeVisible();
    const [, kind, day] = /^bar-(.+)-(\d{4}-\d{2}-\d{2})$/.exec(
      (await bar.first().getAttribute('data-testid'))!,
    )!;
    await bar.first().click();
    await expect(page).toHaveURL(new RegExp(`/signals\\?status=all&day=${day}&kind=${kind}$`));
    await expect(page.getByTestId('day-filter')).toContainText(day!);
    const rows = page.getByTestId('signals').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const label = new RegExp(kind!.replaceAll('_', ' '), 'i');
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(label);
  });

  test('from risk by band to a case that revokes access and moves precision', async ({ page }) => {
    await page.goto('/signals/detectors');
    await expect(page.getByTestId('detector-volume_spike').getByTestId('precision')).toHaveText(
      '—',
    );

    // The overview: people per band; the high bar opens the people in that band.
    await page.goto('/');
    await expect(page.getByTestId('top-people').locator('tbody tr').first()).toContainText(
      'Jun Reyes',
    );
    await page.getByTestId('bar-people-critical').click();
    await expect(page).toHaveURL(/\/people\?band=critical&sort=risk$/);
    await page.getByRole('link', { name: 'Jun Reyes' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jun Reyes' })).toBeVisible();

    // Why he scores high: the ledger names the signal and the critical access behind it.
    const risk = page.getByTestId('person-risk');
    await expect(risk.getByTestId('risk-compromise')).toContainText('critical');
    const ledger = risk.getByTestId('risk-ledger');
    await expect(ledger.locator('tr[data-factor="signal:volume_spike"]').first()).toBeVisible();
    await expect(ledger.locator('tr[data-factor^="exposure:"]').first()).toBeVisible();
    await expect(risk.getByTestId('risk-grants')).toContainText('export_customers');

    // Open a case from that signal.
    await ledger.locator('tr[data-factor="signal:volume_spike"]').first().getByRole('link').click();
    await expect(page).toHaveURL(/\/signals\/[0-9a-f-]{36}$/);
    const escalate = page.getByRole('form', { name: 'Escalate to a case' });
    // Jun already has the demo case open: the form proposes it, and this is a separate matter.
    await expect(escalate.getByTestId('existing-case-warning')).toContainText(
      'night export of VIP customers',
    );
    await (await hydrated(escalate.getByRole('radio', { name: 'Open a new case' }))).check();
    const open = await hydrated(escalate.getByRole('button', { name: 'Open case' }));
    const title = `Volume spike ${Date.now().toString(36)}`;
    await escalate.getByRole('textbox', { name: 'Case title' }).fill(title);
    await open.click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

    // Revoke the export privilege from the case.
    const revoke = page.getByRole('form', { name: 'Revoke a grant' });
    const revokeButton = await hydrated(revoke.getByRole('button', { name: 'Revoke grant' }));
    const grant = revoke.getByRole('combobox', { name: 'Grant' });
    const option = grant.locator('option', { hasText: 'export_customers' });
    await grant.selectOption((await option.getAttribute('value'))!);
    await revoke.getByRole('textbox', { name: 'Reason' }).fill('Exports outside any ticket');
    await revokeButton.click();
    const action = page.getByTestId('case-timeline').locator('li[data-kind="action"]');
    await expect(action).toContainText('export_customers');
    await expect(action).toContainText('active → revoked');

    // Close it substantiated: the signal is confirmed and the detector's precision moves.
    const close = page.getByRole('form', { name: 'Close the case' });
    const closeButton = await hydrated(close.getByRole('button', { name: 'Close case' }));
    await close.getByRole('radio', { name: 'Substantiated', exact: true }).check();
    await close.getByRole('textbox', { name: 'Rationale' }).fill('Exports matched no ticket.');
    await closeButton.click();
    await expect(page.getByTestId('case-outcome')).toHaveText('Substantiated');
    await page.goto('/signals/detectors');
    await expect(page.getByTestId('detector-volume_spike').getByTestId('precision')).toHaveText(
      '100%',
    );

    // The revoked grant is gone from his page.
    await page.goto('/people?q=jun');
    await page.getByRole('link', { name: 'Jun Reyes' }).first().click();
    await expect(page.getByTestId('person-risk').getByTestId('risk-grants')).not.toContainText(
      'export_customers',
    );
  });
});
