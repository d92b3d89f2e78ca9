import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window: a request older (or newer) than this is refused. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 300;

/** `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`) (docs/INTEGRATIONS.md §Slack). */
export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export type SlackSignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/**
 * Checks a request from Slack: the timestamp within five minutes of now (a captured request
 * cannot be replayed later) and the signature over that timestamp and the raw body, compared in
 * constant time.
 */
export function checkSlackSignature(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  nowSeconds: number;
}): SlackSignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing' };
  if (Math.abs(input.nowSeconds - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'stale' };
  const expected = Buffer.from(slackSignature(input.secret, timestamp, input.rawBody));
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
    return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
