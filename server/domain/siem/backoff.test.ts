import { describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_ATTENTION, afterFailure, backoffMs } from './backoff';

describe('backoff', () => {
  it('doubles from 30 s and caps at an hour', () => {
    expect(backoffMs(1)).toBe(30_000);
    expect(backoffMs(2)).toBe(60_000);
    expect(backoffMs(3)).toBe(120_000);
    expect(backoffMs(30)).toBe(3_600_000);
    expect(backoffMs(1, 1)).toBe(33_000);
  });

  it('turns needs_attention once, at the Nth failure in a row', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    let state = { status: 'active' as 'active' | 'paused' | 'needs_attention', failures: 0 };
    const turned: number[] = [];
    for (let i = 1; i <= FAILURES_BEFORE_ATTENTION + 3; i++) {
      const next = afterFailure(state, now);
      if (next.turned) turned.push(next.failures);
      state = { status: next.status, failures: next.failures };
    }
    expect(turned).toEqual([FAILURES_BEFORE_ATTENTION]);
    expect(state.status).toBe('needs_attention');
    expect(afterFailure({ status: 'active', failures: 0 }, now).nextAttemptAt).toEqual(
      new Date(now.getTime() + 30_000),
    );
  });
});
