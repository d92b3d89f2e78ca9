import { expect, test, type Browser, type Page } from '@playwright/test';
import { anonymousContext, authFile, hydrated, type DemoRole } from './helpers';

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

// docs/NOTIFICATIONS.md: a request mails its approver; the mail's link turns approvals off without
// signing in; the member turns them back on in Settings → Notifications.
test('an approver is mailed, unsubscribes from the link, and turns it back on', async ({
  browser,
  baseURL,
}) => {
  const manager = await pageAs(browser, 'manager');
  await manager.goto('/access/new');
  const form = manager.getByRole('form', { name: 'Request access' });
  const submit = await hydrated(form.getByRole('button', { name: 'Submit request' }));
  await form
    .getByRole('combobox', { name: 'Person' })
    .selectOption({ label: 'Maria Santos (maria.santos@manilasupport.example)' });
  await form
    .getByRole('combobox', { name: 'Privilege' })
    .selectOption({ label: 'AdministratorAccess (critical)' });
  await form.getByRole('spinbutton', { name: /Duration/ }).fill('3');
  await form.getByRole('textbox', { name: 'Justification' }).fill('Incident response this week');
  await submit.click();
  await expect(manager).toHaveURL(/\/access\/[0-9a-f-]{36}$/);
  await manager.context().close();

  // Without SMTP the admin (the system owner) finds the message in the outbox.
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/settings/outbox');
  const message = admin
    .getByTestId('outbox-message')
    .filter({ hasText: "Approval needed: Maria Santos's access to AWS Production" })
    .filter({ hasText: 'admin@acme.test' })
    .first();
  await message.locator('summary').click();
  const href = await message.locator('a[href*="/unsubscribe/"]').first().getAttribute('href');
  expect(href).toMatch(/\/unsubscribe\/u1\.[\w.-]+$/);

  // Nobody signed in: the page asks first, the button turns approvals off.
  const context = await anonymousContext(browser, baseURL!);
  const reader = await context.newPage();
  const response = await reader.goto(href!);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(
    reader.getByRole('heading', { level: 1, name: 'Stop “Approvals waiting on you” mail?' }),
  ).toBeVisible();
  await (await hydrated(reader.getByRole('button', { name: /Stop/ }))).click();
  await expect(reader.getByTestId('unsubscribed')).toBeVisible();
  await reader.reload();
  await expect(reader.getByTestId('unsubscribe-already-off')).toBeVisible();
  // A changed signature is refused. The second-to-last character is changed: the last one of
  // a base64url signature also carries padding bits, so some changes to it decode to the same bytes.
  const at = href!.length - 2;
  await reader.goto(`${href!.slice(0, at)}${href![at] === 'A' ? 'B' : 'A'}${href!.slice(at + 1)}`);
  await expect(reader.getByTestId('unsubscribe-refused')).toContainText('not issued by Vigil');
  await context.close();

  // The admin sees it off and turns it back on.
  await admin.goto('/settings/notifications');
  const approvals = admin.getByRole('combobox', { name: 'Approvals waiting on you' });
  await expect(approvals).toHaveValue('off');
  await (await hydrated(approvals)).selectOption('on');
  await admin.getByRole('button', { name: 'Save preferences' }).click();
  await expect(admin.getByTestId('notifications-saved')).toHaveText('Saved.');
  await admin.reload();
  await expect(admin.getByRole('combobox', { name: 'Approvals waiting on you' })).toHaveValue('on');
  await admin.context().close();
});
