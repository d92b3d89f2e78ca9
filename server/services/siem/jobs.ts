import { and, eq, ne } from 'drizzle-orm';
import { siemDestinations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { announceJobs, enqueueJob } from '@/server/services/jobs/queue';
import type { OutboundConsumer } from '@/server/services/outbound/consumers';
import { streamSiemOrg, type DestinationRun, type StreamOptions } from './stream';

/**
 * The queue side of SIEM streaming (docs/INTEGRATIONS.md §SIEM streaming): `siem.stream_org` runs
 * one organization's destinations; the outbound dispatch asks for it when events are recorded,
 * `siem.sweep` every minute for audit-only destinations (audit entries are written everywhere, not
 * only with outbound events), and a failing destination's own wake-up at its next try. Every
 * request is enqueued outside tenant transactions: the app role cannot reach the jobs table.
 */
export const SIEM_STREAM_JOB = 'siem.stream_org';
const WINDOW_MS = 2_000;

export async function requestSiemStream(orgId: string, runAt?: Date, key?: string): Promise<void> {
  const at = runAt ?? new Date();
  const slot = key ?? String(Math.floor(at.getTime() / WINDOW_MS));
  const added = await enqueueJob(
    SIEM_STREAM_JOB,
    { orgId },
    { dedupeKey: `${SIEM_STREAM_JOB}:${orgId}:${slot}`, runAt: at, maxAttempts: 3 },
  );
  if (added && !runAt) announceJobs();
}

/** Whether the organization has a destination that is not paused (the sweep's filter). */
export async function hasLiveSiemDestinations(orgId: string): Promise<boolean> {
  const rows = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ id: siemDestinations.id })
      .from(siemDestinations)
      .where(and(eq(siemDestinations.orgId, orgId), ne(siemDestinations.status, 'paused')))
      .limit(1),
  );
  return rows.length > 0;
}

/** Registered in OUTBOUND_CONSUMERS: new events ask for a stream run, in its own job. */
export const siemConsumer: OutboundConsumer = {
  name: 'siem',
  async run(orgId) {
    if (!(await hasLiveSiemDestinations(orgId))) return { requested: 0 };
    await requestSiemStream(orgId);
    return { requested: 1 };
  },
};

/** The job: stream, then ask again at once if out of time, and wake each failing one when due. */
export async function runSiemStreamJob(
  orgId: string,
  o: StreamOptions = {},
): Promise<{ destinations: number; sent: number; failed: number }> {
  const runs: DestinationRun[] = await streamSiemOrg(orgId, o);
  if (runs.some((r) => r.more)) await requestSiemStream(orgId, new Date(), `more:${Date.now()}`);
  for (const r of runs)
    if (r.retryAt)
      await requestSiemStream(orgId, r.retryAt, `retry:${r.id}:${r.retryAt.getTime()}`);
  return {
    destinations: runs.length,
    sent: runs.reduce((n, r) => n + r.sent, 0),
    failed: runs.filter((r) => r.error).length,
  };
}
