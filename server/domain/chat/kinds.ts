/** Chat destinations (docs/INTEGRATIONS.md §Slack, §Microsoft Teams). */
export const CHAT_KINDS = ['slack', 'teams'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

/** `bot`: a Slack app's bot token (DMs, buttons); `webhook`: an incoming webhook (notify only). */
export const CHAT_MODES = ['bot', 'webhook'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

/** `failing` retries on the next dispatch; `needs_attention` waits for an admin (bad token). */
export const CHAT_CONNECTION_STATUSES = ['active', 'failing', 'needs_attention'] as const;
export type ChatConnectionStatus = (typeof CHAT_CONNECTION_STATUSES)[number];

/** `skipped`: nothing to send to that recipient (no Slack account, step decided meanwhile). */
export const CHAT_DELIVERY_STATUSES = ['sending', 'sent', 'failed', 'skipped'] as const;

export const CHAT_KIND_LABELS: Record<ChatKind, string> = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
};

/** A notice's Slack copy: queued with its mail, then sent, skipped (no Slack user) or failed. */
export const CHAT_NOTICE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
/** Tries before a notice's Slack copy is given up (its mail went anyway). */
export const CHAT_NOTICE_MAX_ATTEMPTS = 5;
