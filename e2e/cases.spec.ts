import { expect, test, type Page } from '@playwright/test';
import { auditRows, authFile, filterAuditByAction, hydrated } from './helpers';

const DEMO_CASE = 'Jun Reyes: night export of VIP customers';

async function precisionOf(page: Page, kind: string) {
  await page.goto('/signals/detectors');
  await expect(page.getByRole('heading', { level: 1, name: 'Detectors' })).toBeVisible();
  return page.getByTestId(`detector-${kind}`).getByTestId('precision');
}

test.describe('as compliance', () => {
  test.use({ storageState: authFile('compliance') });

  test('escalates a signal into a case, revokes a grant from it, closes it substantiated', async ({
    page,
  }) => {
    // New country has no outcomes yet.
    await expect(await precisionOf(page, 'new_country')).toHaveText('—');

    // The demo case is on the list.
    await page.goto('/cases');
    await expect(page.getByTestId('cases')).toContainText(DEMO_CASE);

    // From a signal's page: escalate into a new case.
    await page.goto('/signals?kind=new_country');
    await page
      .getByTestId('signals')
      .getByRole('row')
      .filter({ hasText: 'Jun Reyes' })
      .getByRole('link', { name: 'New country' })
      .first()
      .click();
    const escalate = page.getByRole('form', { name: 'Escalate to a case' });
    // Jun already has the demo case open: the form proposes it, and this is a separate matter.
    await expect(escalate.getByTestId('existing-case-warning')).toContainText(DEMO_CASE);
    await (await hydrated(escalate.getByRole('radio', { name: 'Open a new case' }))).check();
    const open = await hydrated(escalate.getByRole('button', { name: 'Open case' }));
    const title = `Amsterdam sign-in ${Date.now().toString(36)}`;
    await escalate.getByRole('textbox', { name: 'Case title' }).fill(title);
    await open.click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.getByTestId('case-status')).toHaveText('Open');
    await expect(page.getByTestId('case-signal')).toContainText('Escalated');
    await expect(page.getByTestId('case-person')).toContainText('Jun Reyes');
    await expect(page.getByTestId('case-vendor')).toContainText('Manila Support');

    // Revoke one of Jun's grants from the case: a reason is required.
    const revoke = page.getByRole('form', { name: 'Revoke a grant' });
    const revokeButton = await hydrated(revoke.getByRole('button', { name: 'Revoke grant' }));
    const grant = revoke.getByRole('combobox', { name: 'Grant' });
    const option = grant.locator('option', { hasText: 'view_tickets' });
    await grant.selectOption((await option.getAttribute('value'))!);
    await revokeButton.click();
    await expect(revoke.getByText('Give a reason (at least 5 characters)')).toBeVisible();
    await revoke.getByRole('textbox', { name: 'Reason' }).fill('Session driven through AnyDesk');
    await revokeButton.click();
    const action = page.getByTestId('case-timeline').locator('li[data-kind="action"]');
    await expect(action).toContainText('Revoked access');
    await expect(action).toContainText('view_tickets');
    await expect(action).toContainText('active → revoked');
    await expect(action).toContainText('Session driven through AnyDesk');

    // Closing needs a rationale; then it is final and decides the signal.
    const close = page.getByRole('form', { name: 'Close the case' });
    const closeButton = await hydrated(close.getByRole('button', { name: 'Close case' }));
    await close.getByRole('radio', { name: 'Substantiated', exact: true }).check();
    await closeButton.click();
    await expect(close.getByText('Explain the outcome (at least 5 characters)')).toBeVisible();
    await expect(page.getByTestId('case-status')).toHaveText('Open');
    await close
      .getByRole('textbox', { name: 'Rationale' })
      .fill('The vendor confirmed the agent shared his session with an outsider.');
    await closeButton.click();
    await expect(page.getByTestId('case-status')).toHaveText('Closed');
    await expect(page.getByTestId('case-outcome')).toHaveText('Substantiated');
    await expect(page.getByTestId('case-signal')).toContainText('Confirmed');
    await expect(page.getByRole('form', { name: 'Close the case' })).toHaveCount(0);

    // Precision for the detector moves.
    await expect(await precisionOf(page, 'new_country')).toHaveText('100%');

    // Every step is in the audit log.
    await filterAuditByAction(page, 'case.');
    await expect(auditRows(page, 'case.closed').first()).toBeVisible();
    await expect(auditRows(page, 'case.action').first()).toBeVisible();
    await expect(auditRows(page, 'case.opened').first()).toBeVisible();
  });
});

test.describe('as auditor', () => {
  test.use({ storageState: authFile('auditor') });

  test('reads a case with no controls', async ({ page }) => {
    await page.goto('/cases');
    await page
      .getByTestId('cases')
      .getByRole('row')
      .filter({ hasText: DEMO_CASE })
      .getByRole('link')
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(DEMO_CASE);
    await expect(page.getByTestId('case-timeline')).toContainText('shift roster');
    await expect(page.getByTestId('case-signal')).toHaveCount(3);
    for (const name of ['Add note', 'Revoke grant', 'Close case', 'Assign', 'Start investigating'])
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Outcome' })).toBeVisible();
    // Detectors are readable too.
    await expect(await precisionOf(page, 'off_hours')).toHaveText('—');
  });
});

test.describe('as manager', () => {
  test.use({ storageState: authFile('manager') });

  test('is refused cases and detectors', async ({ page }) => {
    for (const path of ['/cases', '/signals/detectors']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    }
  });
});
