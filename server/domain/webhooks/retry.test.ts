import { describe, expect, it } from 'vitest';
import { afterAttempt, isDelivered, MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_SECONDS } from './retry';

describe('delivery retries', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const delay = (attempts: number) =>
    (afterAttempt(false, attempts, now).nextAttemptAt!.getTime() - now.getTime()) / 1000;

  it('backs off from 30 s to 6 h, then dead-letters after the eighth failure', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7].map(delay)).toEqual([...RETRY_DELAYS_SECONDS]);
    expect(RETRY_DELAYS_SECONDS.at(-1)).toBe(6 * 3600);
    expect(afterAttempt(false, 8, now)).toEqual({ status: 'dead', nextAttemptAt: null });
  });

  it('a success is final whatever the attempt', () => {
    expect(afterAttempt(true, 8, now)).toEqual({ status: 'succeeded', nextAttemptAt: null });
  });

  it('counts only 2xx as delivered (redirects are not followed)', () => {
    expect([200, 204, 299].map(isDelivered)).toEqual([true, true, true]);
    expect([null, 199, 301, 400, 500].map(isDelivered)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
