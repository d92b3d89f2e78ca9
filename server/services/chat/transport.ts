import { ErrorCode, LogLevel, WebClient, type Logger } from '@slack/web-api';
import { getEnv } from '@/server/env';

/**
 * Why a message did not go out: `auth` needs an admin (token revoked, webhook deleted), `recipient`
 * concerns one recipient only (no Slack account for that email), `transient` is retried by the
 * next dispatch.
 */
export class ChatDeliveryError extends Error {
  constructor(
    readonly kind: 'auth' | 'recipient' | 'transient',
    message: string,
  ) {
    super(message);
  }
}

// Slack errors an admin must fix: the token no longer works or lacks a scope.
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'not_allowed_token_type',
]);
const RECIPIENT_ERRORS = new Set(['users_not_found', 'user_not_found', 'user_disabled']);

// The library would log request details (emails, channel ids); Vigil logs none (docs/SECURITY.md).
const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/**
 * A Web API client for one workspace. `interactive` calls answer a click and must fit in Slack's
 * three seconds, so they get a short timeout and no retries; deliveries retry on the next dispatch.
 */
export function slackClient(token: string, interactive = false): WebClient {
  const base = getEnv().VIGIL_SLACK_API_URL;
  return new WebClient(token, {
    slackApiUrl: base.endsWith('/') ? base : `${base}/`,
    logger: quiet,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    allowAbsoluteUrls: false,
    timeout: interactive ? 1_500 : 10_000,
  });
}

/** Turns what the Slack client threw into a ChatDeliveryError (never the request itself). */
export function slackFailure(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    if (AUTH_ERRORS.has(code))
      return new ChatDeliveryError('auth', `Slack refused the token (${code}).`);
    if (RECIPIENT_ERRORS.has(code))
      return new ChatDeliveryError('recipient', `Slack has no user for that email (${code}).`);
    return new ChatDeliveryError('transient', `Slack answered ${code}.`);
  }
  if (e.code === ErrorCode.HTTPError)
    return e.statusCode === 401 || e.statusCode === 403
      ? new ChatDeliveryError('auth', `Slack answered HTTP ${e.statusCode}.`)
      : new ChatDeliveryError('transient', `Slack answered HTTP ${e.statusCode ?? '?'}.`);
  if (e.code === ErrorCode.RateLimitedError)
    return new ChatDeliveryError('transient', 'Slack rate-limited the request; it is retried.');
  return new ChatDeliveryError('transient', 'Slack could not be reached.');
}

/**
 * Posts JSON to an incoming webhook (Slack notify-only, Teams). Redirects are not followed (a
 * redirect could lead anywhere); 401, 403, 404 and 410 mean the webhook is gone or refused.
 */
export async function postToWebhook(url: string, body: unknown, timeoutMs = 10_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ChatDeliveryError('transient', 'The webhook could not be reached.');
  }
  const text = (await response.text().catch(() => '')).slice(0, 80).replace(/[^\w .:-]/g, '');
  if (response.ok) return;
  const detail = `The webhook answered HTTP ${response.status}${text ? ` (${text})` : ''}.`;
  if ([401, 403, 404, 410].includes(response.status)) throw new ChatDeliveryError('auth', detail);
  throw new ChatDeliveryError('transient', detail);
}
