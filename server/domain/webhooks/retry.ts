/**
 * When a failed delivery is tried again (docs/INTEGRATIONS.md §Webhooks, Retries): the n-th
 * failure waits RETRY_DELAYS_SECONDS[n-1]; after MAX_DELIVERY_ATTEMPTS failures the delivery is
 * dead (kept in the log, redeliverable). About eleven hours from first try to dead letter, so a
 * receiver down for a night's deploy window still gets everything.
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1_800, 3_600, 10_800, 21_600] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'dead';
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;

export interface AttemptOutcome {
  status: 'succeeded' | 'failed' | 'dead';
  nextAttemptAt: Date | null;
}

/** What an attempt's result makes of a delivery that has now been tried `attempts` times. */
export function afterAttempt(ok: boolean, attempts: number, now: Date): AttemptOutcome {
  if (ok) return { status: 'succeeded', nextAttemptAt: null };
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'dead', nextAttemptAt: null };
  const delay = RETRY_DELAYS_SECONDS[Math.max(0, attempts - 1)] ?? RETRY_DELAYS_SECONDS.at(-1)!;
  return { status: 'failed', nextAttemptAt: new Date(now.getTime() + delay * 1000) };
}

/** A 2xx answer is delivered; anything else (3xx too: redirects are not followed) is retried. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
