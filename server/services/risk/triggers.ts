import { enqueueJob } from '@/server/services/jobs/queue';

/** Changes within one window share one recompute job. */
export const RECOMPUTE_WINDOW_MS = 10_000;

/**
 * Asks for a recompute of the org's scores, right after the changing transaction committed. All
 * requests of one 10-second window share a job that runs when the window closes, so a burst of
 * triage clicks or grant changes coalesces, and a change is never folded into a job that already
 * ran (its key names a window that has not closed yet).
 */
export async function requestRiskRecompute(orgId: string, now = Date.now()): Promise<boolean> {
  const window = Math.floor(now / RECOMPUTE_WINDOW_MS) + 1;
  return enqueueJob(
    'risk.recompute_org',
    { orgId },
    {
      dedupeKey: `risk.recompute_org:${orgId}:${window}`,
      runAt: new Date(window * RECOMPUTE_WINDOW_MS),
    },
  );
}

/** Runs a change, then requests a recompute once it committed (a rollback requests nothing). */
export async function thenRecompute<T>(orgId: string, change: Promise<T>): Promise<T> {
  const result = await change;
  await requestRiskRecompute(orgId);
  return result;
}
