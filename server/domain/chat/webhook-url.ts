import type { ChatKind } from './kinds';

// Where Slack and Teams issue incoming webhooks (docs/INTEGRATIONS.md §Slack, §Microsoft Teams).
const HOSTS: Record<ChatKind, { exact: string[]; suffixes: string[] }> = {
  slack: { exact: ['hooks.slack.com'], suffixes: [] },
  teams: {
    exact: [],
    suffixes: ['.webhook.office.com', '.logic.azure.com', '.api.powerplatform.com'],
  },
};

/**
 * Why a tenant's incoming-webhook URL is refused, or null. Only the chat vendors' own hosts over
 * https are taken, so a tenant cannot point Vigil at an internal address; an operator may lift
 * this for a relay or a test receiver (`VIGIL_WEBHOOK_ALLOW_PRIVATE=1`).
 */
export function chatWebhookUrlProblem(
  kind: ChatKind,
  url: string,
  allowAny: boolean,
): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Paste the full webhook URL (https://…).';
  }
  if (allowAny) return /^https?:$/.test(parsed.protocol) ? null : 'Use an http(s) URL.';
  const host = parsed.hostname.toLowerCase();
  const allowed = HOSTS[kind];
  const known =
    allowed.exact.includes(host) ||
    allowed.suffixes.some((s) => host.endsWith(s) && host.length > s.length);
  if (parsed.protocol !== 'https:' || !known || parsed.username || parsed.password || parsed.port)
    return kind === 'slack'
      ? 'Use the incoming webhook URL Slack gives you (https://hooks.slack.com/services/…).'
      : 'Use the webhook URL Teams gives you (https://…webhook.office.com/… or a Workflows URL).';
  return null;
}
