import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  buttonPayload,
  signedInteraction,
  startFakeSlack,
  type FakeSlack,
} from '../tests/helpers/fake-slack';
import { authFile, hydrated, type DemoRole } from './helpers';

// playwright.config.ts points VIGIL_SLACK_API_URL at this port.
const SLACK_PORT = Number(process.env.E2E_PORT ?? 3100) + 17;

let fake: FakeSlack;

test.beforeAll(async () => {
  fake = await startFakeSlack({
    port: SLACK_PORT,
    teamId: 'TE2E00001',
    users: [{ id: 'UADMIN', email: 'admin@acme.test' }],
  });
});
test.afterAll(async () => {
  await fake?.close();
});

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

test('an access request reaches its approver in Slack, and Approve there activates the grant', async ({
  browser,
  request,
}) => {
  // The admin connects the Slack app in the settings.
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/settings/integrations');
  const slack = admin.getByTestId('integration-slack');
  const form = slack.getByRole('form', { name: 'Connect Slack' });
  const connect = await hydrated(form.getByRole('button', { name: 'Connect Slack' }));
  await form.getByRole('textbox', { name: 'Bot user OAuth token' }).fill(fake.token);
  await form.getByLabel('Signing secret').fill(fake.signingSecret);
  await form.getByRole('textbox', { name: /Workspace \(team\) id/ }).fill(fake.teamId);
  await connect.click();
  await expect(slack.getByTestId('slack-status')).toHaveText('Connected');
  await expect(slack).toContainText('xoxb-••••');
  await expect(slack).not.toContainText(fake.signingSecret);

  // A manager requests access for a report in the browser.
  const manager = await pageAs(browser, 'manager');
  await manager.goto('/access');
  await manager.getByTestId('request-access').click();
  const req = manager.getByRole('form', { name: 'Request access' });
  const submit = await hydrated(req.getByRole('button', { name: 'Submit request' }));
  await req
    .getByRole('combobox', { name: 'Person' })
    .selectOption({ label: 'Maria Santos (maria.santos@manilasupport.example)' });
  await req.getByRole('combobox', { name: 'Privilege' }).selectOption({ label: 'read (low)' });
  await req.getByRole('spinbutton', { name: /Duration/ }).fill('7');
  await req.getByRole('textbox', { name: 'Justification' }).fill('Read the support tooling code');
  await submit.click();
  await expect(manager).toHaveURL(/\/access\/[0-9a-f-]{36}$/);
  const grantId = manager.url().split('/').at(-1)!;
  await expect(manager.getByTestId('grant-status')).toHaveText('Pending approval');

  // The owner of GitHub (the admin) gets a DM with the buttons.
  await expect
    .poll(
      () => fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'DUADMIN').length,
      {
        timeout: 20_000,
      },
    )
    .toBe(1);
  const dm = fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'DUADMIN')!;
  expect(JSON.stringify(dm.args.blocks)).toContain('Maria Santos');
  const actions = (dm.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
    (b) => b.type === 'actions',
  )!;
  const value = actions.elements![0]!.value;
  expect(value.startsWith(`${grantId}:`)).toBe(true);

  // A forged click is refused; Slack's signed click approves.
  const payload = buttonPayload(fake, 'UADMIN', 'vigil_approve', value, 'e2e');
  const forged = signedInteraction('not-the-secret-0000000000000000', payload);
  const refused = await request.post('/api/integrations/slack/interactions', {
    data: forged.body,
    headers: forged.headers,
  });
  expect(refused.status()).toBe(401);
  const signed = signedInteraction(fake.signingSecret, payload);
  const answer = await request.post('/api/integrations/slack/interactions', {
    data: signed.body,
    headers: signed.headers,
  });
  expect(answer.status()).toBe(200);
  expect(String(fake.responses.at(-1)?.body.text)).toContain('Approved by Ada Okafor');

  await manager.reload();
  await expect(manager.getByTestId('grant-status')).toHaveText('Active');
  await expect(manager.getByTestId('step-system_owner')).toContainText('approved');

  // Disconnecting forgets the token.
  await admin.reload();
  await (await hydrated(slack.getByRole('button', { name: 'Disconnect' }))).click();
  await slack
    .getByRole('group', { name: 'Confirm disconnecting Slack' })
    .getByRole('button', { name: 'Disconnect' })
    .click();
  await expect(slack.getByRole('form', { name: 'Connect Slack' })).toBeVisible();
  await admin.context().close();
  await manager.context().close();
});
