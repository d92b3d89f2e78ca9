/**
 * Retry timing per destination (docs/INTEGRATIONS.md §SIEM streaming): a failing destination waits
 * 30 s, 1 min, 2 min … up to an hour between tries, and after FAILURES_BEFORE_ATTENTION failures
 * in a row it is marked `needs_attention` (once) while it keeps retrying at the capped pace.
 */
export const FAILURES_BEFORE_ATTENTION = 5;
const BASE_MS = 30_000;
const MAX_MS = 3_600_000;

/** The wait before the next try after `failures` consecutive failures (1 = the first). */
export function backoffMs(failures: number, jitter = 0): number {
  const exp = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  // Up to a tenth more at random, so destinations that failed together do not retry together.
  return Math.round(exp * (1 + Math.min(Math.max(jitter, 0), 1) * 0.1));
}

export type FailureState = { status: 'active' | 'paused' | 'needs_attention'; failures: number };

/** What one more failure does: the new count, the new status and whether it just turned. */
export function afterFailure(
  state: FailureState,
  now: Date,
  jitter = 0,
): { failures: number; status: FailureState['status']; nextAttemptAt: Date; turned: boolean } {
  const failures = state.failures + 1;
  const turned = state.status === 'active' && failures >= FAILURES_BEFORE_ATTENTION;
  return {
    failures,
    status: turned ? 'needs_attention' : state.status,
    nextAttemptAt: new Date(now.getTime() + backoffMs(failures, jitter)),
    turned,
  };
}
