import { expect, test, type Browser, type Page } from '@playwright/test';
import { auditRows, authFile, filterAuditByAction, hydrated, type DemoRole } from './helpers';

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

const ITEM = 'Maria Santos · Customer Admin Console view_tickets';

test('compliance launches a review; the manager revokes one item and the grant is gone', async ({
  browser,
}) => {
  // Compliance creates a campaign over the support console, medium sensitivity and above.
  const compliance = await pageAs(browser, 'compliance');
  await compliance.goto('/reviews/campaigns');
  await expect(
    compliance.getByRole('heading', { level: 1, name: 'Access-review campaigns' }),
  ).toBeVisible();
  // The seeded history: last quarter's completed review and this quarter's running one.
  await expect(compliance.getByTestId('campaigns')).toContainText(
    'Support console review, last quarter',
  );
  const form = compliance.getByRole('form', { name: 'New access review' });
  const create = await hydrated(form.getByRole('button', { name: 'Create draft' }));
  const name = `Console recertification ${Date.now().toString(36)}`;
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('checkbox', { name: 'Customer Admin Console' }).check();
  await form.getByRole('combobox', { name: 'Minimum sensitivity' }).selectOption('medium');
  await expect(form.getByTestId('scope-count')).toContainText('6 live grants held by 3 people');
  await create.click();
  await expect(compliance).toHaveURL(/\/reviews\/campaigns\/[0-9a-f-]{36}$/);
  await expect(compliance.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(compliance.getByTestId('campaign-status')).toHaveText('Draft');
  const launch = await hydrated(compliance.getByRole('button', { name: 'Launch campaign' }));
  await launch.click();
  await expect(compliance.getByTestId('campaign-status')).toHaveText('Active');
  await expect(compliance.getByTestId('campaign-progress')).toContainText('0 of 6 decided');
  await expect(compliance.getByTestId('campaign-items')).toContainText('Maria Santos');
  // Against last quarter: Jun's newer grants are new, Maria's revoked reset_2fa is gone.
  await expect(compliance.getByTestId('diff-added')).toContainText('Jun Reyes');
  await expect(compliance.getByTestId('diff-removed')).toContainText('reset_2fa');
  const campaignUrl = compliance.url();

  // The manager (Maria's manager) sees the item in his inbox with its risk context.
  const manager = await pageAs(browser, 'manager');
  await manager.goto('/');
  await manager.getByRole('link', { name: 'Access reviews', exact: true }).click();
  await expect(manager.getByRole('heading', { level: 1, name: 'Access reviews' })).toBeVisible();
  const campaignFilter = `/reviews?campaignId=${campaignUrl.split('/').pop()}`;
  await manager.goto(campaignFilter);
  const row = manager.locator(`[data-item="${ITEM}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('risk-context')).toContainText(/open signal|No open signals/);
  const decide = manager.getByRole('form', { name: 'Decide selected items' });
  const submit = await hydrated(decide.getByRole('button', { name: /selected/ }));
  await row.getByRole('checkbox', { name: `Select ${ITEM}` }).check();
  await decide.getByRole('radio', { name: 'Revoke' }).check();
  // A revoke needs a rationale: nothing happens without one.
  await submit.click();
  await expect(
    decide.getByText('Give a rationale for revoking (at least 5 characters)'),
  ).toBeVisible();
  await decide
    .getByRole('textbox', { name: 'Rationale' })
    .fill('Maria moved to the KYC team; tickets are no longer hers.');
  // Revoking asks first, naming who loses what; the choice is back to Keep for the next batch.
  await submit.click();
  const confirm = decide.getByTestId('revoke-confirmation');
  await expect(confirm).toContainText('Revoke 1 grant now?');
  await expect(confirm).toContainText(ITEM);
  await confirm.getByRole('button', { name: 'Yes, revoke 1' }).click();
  await expect(decide.getByRole('status')).toContainText('1 grant revoked');
  await expect(decide.getByRole('radio', { name: 'Keep' })).toBeChecked();
  await expect(confirm).toHaveCount(0);
  await manager.goto(`${campaignFilter}&status=decided`);
  // Counted in this campaign, as the overview's "1 of N decided" counts it.
  await expect(manager.getByRole('link', { name: 'Decided (1)' })).toBeVisible();
  await expect(manager.locator(`[data-item="${ITEM}"]`).getByTestId('item-decision')).toHaveText(
    'Revoke',
  );

  // The grant is no longer active on Maria's page.
  await manager.goto('/people');
  await manager.getByRole('link', { name: 'Maria Santos' }).first().click();
  const grantRow = manager
    .getByTestId('person-grants')
    .getByRole('row')
    .filter({ hasText: 'view_tickets' });
  await expect(grantRow).toContainText('Revoked');
  await expect(grantRow).not.toContainText('Active');

  // Compliance sees the decision, its rationale and the history; the audit log has it.
  await compliance.goto(campaignUrl);
  await expect(compliance.getByTestId('campaign-progress')).toContainText('1 of 6 decided');
  await expect(compliance.getByTestId('decision-history')).toContainText(
    'Maria moved to the KYC team',
  );
  await filterAuditByAction(compliance, 'access_review.');
  await expect(auditRows(compliance, 'access_review.item_decided').first()).toBeVisible();
  await expect(auditRows(compliance, 'access_review.campaign_launched').first()).toBeVisible();
  await manager.context().close();
  await compliance.context().close();
});

test('the auditor reads campaigns without controls', async ({ browser }) => {
  const auditor = await pageAs(browser, 'auditor');
  await auditor.goto('/reviews/campaigns');
  await expect(auditor.getByTestId('campaigns')).toContainText(
    'Support console review, this quarter',
  );
  await expect(auditor.getByRole('form', { name: 'New access review' })).toHaveCount(0);
  await auditor.getByRole('link', { name: 'Support console review, this quarter' }).click();
  await expect(auditor).toHaveURL(/\/reviews\/campaigns\/[0-9a-f-]{36}$/);
  await expect(auditor.getByTestId('campaign-status')).toHaveText('Active');
  await expect(auditor.getByRole('button', { name: /Reassign|Assign/ })).toHaveCount(0);
  await auditor.goto('/reviews?status=all');
  await expect(auditor.getByTestId('review-items')).toBeVisible();
  await expect(auditor.getByRole('form', { name: 'Decide selected items' })).toHaveCount(0);
  await auditor.context().close();
});

test('compliance deletes a draft made by mistake; it leaves the list and the audit log says so', async ({
  browser,
}) => {
  const compliance = await pageAs(browser, 'compliance');
  await compliance.goto('/reviews/campaigns');
  const form = compliance.getByRole('form', { name: 'New access review' });
  const create = await hydrated(form.getByRole('button', { name: 'Create draft' }));
  const name = `Mistaken draft ${Date.now().toString(36)}`;
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('checkbox', { name: 'Customer Admin Console' }).check();
  await create.click();
  await expect(compliance.getByRole('heading', { level: 1, name })).toBeVisible();
  await (await hydrated(compliance.getByRole('button', { name: 'Delete draft' }))).click();
  const confirm = compliance.getByRole('group', { name: 'Confirm deleting the draft' });
  // Keeping it changes nothing.
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(compliance.getByTestId('campaign-status')).toHaveText('Draft');
  await compliance.getByRole('button', { name: 'Delete draft' }).click();
  await confirm.getByRole('button', { name: 'Delete it' }).click();
  await expect(compliance).toHaveURL(/\/reviews\/campaigns$/);
  await expect(compliance.getByTestId('campaigns')).not.toContainText(name);
  await expect(compliance.getByTestId('campaigns')).toContainText(
    'Support console review, last quarter',
  );
  await compliance.close();

  const admin = await pageAs(browser, 'admin');
  await filterAuditByAction(admin, 'access_review.campaign_deleted');
  await expect(
    auditRows(admin, 'access_review.campaign_deleted').filter({ hasText: name }),
  ).toHaveCount(1);
});
