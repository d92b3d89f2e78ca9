import { expect, test, type Browser, type Page } from '@playwright/test';
import { authFile, hydrated, type DemoRole } from './helpers';

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

/** Fills the request form and submits; returns on the new request's page. */
async function requestAccess(
  page: Page,
  person: string,
  privilege: string,
  days: string,
  justification: string,
) {
  await page.goto('/access');
  await page.getByTestId('request-access').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request access' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Request access' });
  const submit = await hydrated(form.getByRole('button', { name: 'Submit request' }));
  await form.getByRole('combobox', { name: 'Person' }).selectOption({ label: person });
  await form.getByRole('combobox', { name: 'Privilege' }).selectOption({ label: privilege });
  await form.getByRole('spinbutton', { name: /Duration/ }).fill(days);
  await form.getByRole('textbox', { name: 'Justification' }).fill(justification);
  return { form, submit };
}

test('a manager requests access for a report, the system owner approves, the grant is active', async ({
  browser,
}) => {
  const manager = await pageAs(browser, 'manager');
  const { form, submit } = await requestAccess(
    manager,
    'Maria Santos (maria.santos@manilasupport.example)',
    'ReadOnlyAccess (medium)',
    '14',
    'Read production logs while investigating ticket escalations',
  );
  // Before submitting, the form shows who approves and that the gate is clear.
  const preview = form.getByTestId('request-preview');
  await expect(preview.getByTestId('gate-clear')).toBeVisible();
  await expect(preview).toContainText('Requested by the manager');
  await expect(preview).toContainText('System owner');
  await submit.click();
  await expect(manager).toHaveURL(/\/access\/[0-9a-f-]{36}$/);
  const url = manager.url();
  await expect(manager.getByTestId('grant-status')).toHaveText('Pending approval');
  await expect(manager.getByTestId('step-manager')).toContainText('skipped');
  await expect(manager.getByTestId('decide-refusal')).toHaveText(
    'Nobody approves their own request.',
  );

  // The owner of AWS Production (the admin) finds it in their inbox and approves.
  const owner = await pageAs(browser, 'admin');
  await owner.goto('/access');
  const inbox = owner.getByTestId('approvals-inbox');
  await inbox.getByRole('link', { name: 'AWS Production · ReadOnlyAccess' }).click();
  await expect(owner).toHaveURL(url);
  const approve = await hydrated(owner.getByRole('button', { name: 'Approve' }));
  await owner.getByRole('textbox', { name: /Comment/ }).fill('Read-only, two weeks');
  await approve.click();
  await expect(owner.getByTestId('grant-status')).toHaveText('Active');
  await expect(owner.getByTestId('step-system_owner')).toContainText('approved');
  await expect(owner.getByTestId('step-system_owner')).toContainText('admin@acme.test');

  // The requester sees the outcome, on the request and on their report's page.
  await manager.reload();
  await expect(manager.getByTestId('grant-status')).toHaveText('Active');
  await manager.getByRole('link', { name: 'Maria Santos' }).first().click();
  const grants = manager.getByTestId('person-grants');
  await expect(
    grants.getByRole('row').filter({ hasText: 'AWS Production · ReadOnlyAccess' }),
  ).toContainText('Active');
  await manager.context().close();
  await owner.context().close();
});

test('the gate blocks an unscreened vendor contractor and shows why', async ({ browser }) => {
  const compliance = await pageAs(browser, 'compliance');
  const { form, submit } = await requestAccess(
    compliance,
    'Alex Kim (alex.kim@northwind.example)',
    'write (medium)',
    '30',
    'Push fixes to the wallet service repository',
  );
  const blocked = form.getByTestId('gate-blocked');
  await expect(blocked).toContainText('identity has not been verified');
  await expect(blocked).toContainText('background check is not started');
  await expect(blocked).toContainText('Northwind Dev Contractors is onboarding, not active');
  // The demo's Northwind onboarding review is past due (seed): the gate names that too.
  await expect(blocked).toContainText('vendor review was due on');
  await submit.click();
  await expect(compliance).toHaveURL(/\/access\/[0-9a-f-]{36}$/);
  const url = compliance.url();

  // The approver sees the same reasons, and approving is refused with them; nothing changes.
  const owner = await pageAs(browser, 'admin');
  await owner.goto('/access');
  const row = owner.getByTestId('approvals-inbox').getByRole('row').filter({ hasText: 'Alex Kim' });
  await expect(row).toContainText('Blocked: 4 reasons');
  await owner.goto(url);
  await expect(owner.getByTestId('gate-blocked')).toContainText('identity has not been verified');
  const approve = await hydrated(owner.getByRole('button', { name: 'Approve' }));
  await approve.click();
  await expect(owner.getByTestId('decide-error')).toContainText(
    'The pre-access gate refuses approval',
  );
  await expect(owner.getByTestId('decide-error')).toContainText('onboarding, not active');
  await owner.reload();
  await expect(owner.getByTestId('grant-status')).toHaveText('Pending approval');

  // A denial needs a reason, then closes the request.
  const deny = await hydrated(owner.getByRole('button', { name: 'Deny' }));
  await deny.click();
  await expect(owner.getByText('Say why you deny the request')).toBeVisible();
  await owner.getByRole('textbox', { name: /Comment/ }).fill('Finish screening first');
  await deny.click();
  await expect(owner.getByTestId('grant-status')).toHaveText('Denied');
  await compliance.context().close();
  await owner.context().close();
});

test('the auditor reads requests and grants but has no control to change them', async ({
  browser,
}) => {
  const auditor = await pageAs(browser, 'auditor');
  await auditor.goto('/access');
  await expect(auditor.getByRole('heading', { level: 1, name: 'Access' })).toBeVisible();
  await expect(auditor.getByTestId('request-access')).toHaveCount(0);
  await expect(auditor.getByTestId('approvals-inbox')).toHaveCount(0);
  await auditor.getByRole('link', { name: 'Pending', exact: true }).click();
  await expect(auditor).toHaveURL(/\/access\?tab=pending$/);
  await auditor.getByTestId('grants-table').getByRole('link', { name: /·/ }).first().click();
  await expect(auditor).toHaveURL(/\/access\/[0-9a-f-]{36}$/);
  await expect(auditor.getByTestId('grant-status')).toHaveText('Pending approval');
  await expect(auditor.getByTestId('decide-refusal')).toHaveText('Auditors read only.');
  await expect(auditor.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(auditor.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await auditor.context().close();
});
