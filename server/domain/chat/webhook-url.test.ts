import { describe, expect, it } from 'vitest';
import { chatWebhookUrlProblem } from './webhook-url';

describe('incoming webhook URLs', () => {
  it("takes the vendors' own https hosts", () => {
    expect(
      chatWebhookUrlProblem('slack', 'https://hooks.slack.com/services/T1/B2/xyz', false),
    ).toBeNull();
    expect(
      chatWebhookUrlProblem(
        'teams',
        'https://acme.webhook.office.com/webhookb2/abc/IncomingWebhook/x/y',
        false,
      ),
    ).toBeNull();
    expect(
      chatWebhookUrlProblem(
        'teams',
        'https://prod-12.westus.logic.azure.com/workflows/abc/triggers',
        false,
      ),
    ).toBeNull();
  });

  it('refuses other hosts, plain http, ports and look-alikes', () => {
    for (const url of [
      'http://hooks.slack.com/services/x',
      'https://hooks.slack.com.evil.test/services/x',
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest',
      'https://hooks.slack.com:8443/services/x',
      'https://webhook.office.com/x',
    ])
      expect({ url, refused: chatWebhookUrlProblem('slack', url, false) !== null }).toEqual({
        url,
        refused: true,
      });
    expect(
      chatWebhookUrlProblem('teams', 'https://evil.test/webhook.office.com', false),
    ).not.toBeNull();
  });

  it('takes any http(s) URL when the operator allows it, never another scheme', () => {
    expect(chatWebhookUrlProblem('teams', 'http://127.0.0.1:9999/hook', true)).toBeNull();
    expect(chatWebhookUrlProblem('teams', 'file:///etc/passwd', true)).not.toBeNull();
  });
});
