import { expect, test } from '@playwright/test';
import {
  acceptInvitation,
  auditRows,
  authFile,
  expectNav,
  filterAuditByAction,
  hydrated,
  inviteMember,
  NEW_USER_PASSWORD,
  submitSignIn,
  switchOrganization,
  uniqueEmail,
  USERS,
} from './helpers';

test.use({ storageState: authFile('admin') });

test('admin invites a member who joins, signs in, and the audit log records it', async ({
  page,
  browser,
  baseURL,
}) => {
  const email = uniqueEmail('inv');
  const name = 'Invited Tester';
  const link = await inviteMember(page, email, 'Compliance officer');
  expect(link.startsWith(`${baseURL}/invite/`)).toBe(true);

  // Listed as a pending invitation until accepted.
  await page.reload();
  await expect(
    page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Compliance officer' }),
  ).toBeVisible();

  // The invitee, in a separate browser context with nobody signed in.
  const invitee = await acceptInvitation(browser, baseURL!, link, name);
  try {
    const p = invitee.page;
    await p.getByRole('link', { name: 'Sign in' }).click();
    await expect(p).toHaveURL(/\/sign-in$/);
    await submitSignIn(p, email, NEW_USER_PASSWORD);
    await expect(p.getByTestId('current-role')).toHaveText('Compliance officer');
    await expect(p.getByRole('banner')).toContainText(name);
    await expectNav(p, USERS.compliance.nav);

    // The link worked once; it is dead now.
    await p.goto(link);
    await expect(p.getByRole('heading', { level: 1, name: 'Invitation not valid' })).toBeVisible();
  } finally {
    await invitee.context.close();
  }

  // The admin now sees a member, not an invitation.
  await page.goto('/settings/members');
  const row = page.getByTestId(`member-${email}`);
  await expect(row).toContainText(name);
  await expect(row.getByRole('combobox', { name: `Role of ${email}` })).toHaveValue('compliance');

  await filterAuditByAction(page, 'member.');
  await expect(auditRows(page, 'member.invited').filter({ hasText: email })).toHaveCount(1);
  await expect(
    auditRows(page, 'member.invitation_accepted').filter({ hasText: email }),
  ).toHaveCount(1);
  // Nothing outside the filter is listed.
  const actions = await page.locator('tbody code').allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  for (const action of actions) expect(action).toMatch(/^member\./);

  await (await hydrated(page.getByRole('button', { name: 'Verify chain' }))).click();
  await expect(page.getByRole('status')).toHaveText(/^Chain intact: \d+ entries verified$/);
});

test('admin changes a member role and the change is in the audit log', async ({
  page,
  browser,
  baseURL,
}) => {
  const email = uniqueEmail('role');
  const link = await inviteMember(page, email, 'Manager');
  const invitee = await acceptInvitation(browser, baseURL!, link, 'Role Change Tester');
  await invitee.context.close();

  await page.goto('/settings/members');
  const select = page
    .getByTestId(`member-${email}`)
    .getByRole('combobox', { name: `Role of ${email}` });
  await expect(select).toHaveValue('manager');
  await (await hydrated(select)).selectOption({ label: 'Auditor' });
  await expect(select).toHaveValue('auditor');
  await expect(select).toBeEnabled();

  // Persisted, not just local state.
  await page.reload();
  await expect(select).toHaveValue('auditor');

  await filterAuditByAction(page, 'member.role_changed');
  const newest = auditRows(page, 'member.role_changed').first();
  await expect(newest).toContainText(USERS.admin.email);
  // The audit log shows the fields that changed, before → after.
  await expect(newest).toContainText('role: manager → auditor');
});

test('demoting the only admin of an organization is refused', async ({ page }) => {
  await page.goto('/');
  await switchOrganization(page, 'Borealis Custody');

  await page.goto('/settings/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  const row = page.getByTestId(`member-${USERS.admin.email}`);
  const select = row.getByRole('combobox', { name: `Role of ${USERS.admin.email}` });
  await expect(select).toHaveValue('admin');

  await (await hydrated(select)).selectOption({ label: 'Auditor' });
  await expect(row.getByRole('alert')).toContainText('last active admin');
  await expect(select).toHaveValue('admin');

  // Nothing changed on the server either.
  await page.reload();
  await expect(select).toHaveValue('admin');
  await expect(page.getByTestId('current-role')).toHaveText('Admin');
  await expect(
    page.getByRole('combobox', { name: 'Organization' }).locator('option:checked'),
  ).toHaveText('Borealis Custody · borealis (admin)');
  // Sign-in opens the organization used last: leave the admin in Acme for later suites.
  await page.goto('/');
  await switchOrganization(page, 'Acme Exchange');
});
