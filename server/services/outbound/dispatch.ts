import { and, eq, lt, sql } from 'drizzle-orm';
import { outboundEvents } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { announceJobs, enqueueJob } from '@/server/services/jobs/queue';
import { recordConnectorFailure } from '@/server/services/observability/record';
import { OUTBOUND_CONSUMERS } from './consumers';

/** Events recorded within one window share one dispatch job. */
const DISPATCH_WINDOW_MS = 2_000;
/** How long after an event is recorded its dispatch is requested (its change has committed). */
const FLUSH_DELAY_MS = 500;
/** Events are kept this long for destinations that were paused or failing. */
export const OUTBOUND_RETENTION_DAYS = 30;

/** Asks for the organization's events to be sent; one job per window however many ask. */
export async function requestOutboundDispatch(orgId: string, now = Date.now()): Promise<void> {
  const window = Math.floor(now / DISPATCH_WINDOW_MS);
  await enqueueJob(
    'outbound.dispatch_org',
    { orgId },
    { dedupeKey: `outbound.dispatch_org:${orgId}:${window}`, maxAttempts: 3 },
  );
}

// On the process, not the module (Next.js may load this module once per bundle).
const registry = globalThis as { __vigilOutboundPending?: Set<string> };
const pending = (registry.__vigilOutboundPending ??= new Set<string>());
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Notes that an event was recorded in a transaction still open. The app role cannot reach the job
 * queue (docs/SECURITY.md §Row-level security), so the dispatch is requested just after, from
 * the process; an event whose change commits later still goes out with the minute sweep.
 */
export function noteOutboundPending(orgId: string): void {
  pending.add(orgId);
  if (flushTimer) return;
  flushTimer = setTimeout(() => void flushOutboundDispatch(), FLUSH_DELAY_MS);
  flushTimer.unref?.();
}

/** Requests dispatch for every organization noted; the CLI calls it before it exits. */
export async function flushOutboundDispatch(): Promise<number> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  const orgIds = [...pending];
  pending.clear();
  let requested = 0;
  for (const orgId of orgIds) {
    try {
      await requestOutboundDispatch(orgId);
      requested += 1;
    } catch {
      // The database may be closing (a CLI exiting, a test tearing down): the sweep catches up.
    }
  }
  if (requested > 0) announceJobs();
  return requested;
}

/** Runs every consumer for one organization; one consumer's failure does not stop the others. */
export async function dispatchOutbound(orgId: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const failures: string[] = [];
  for (const consumer of OUTBOUND_CONSUMERS) {
    try {
      results[consumer.name] = await consumer.run(orgId);
    } catch (error) {
      failures.push(consumer.name);
      recordConnectorFailure(`outbound:${consumer.name}`);
      results[consumer.name] = { error: (error as Error).message.slice(0, 200) };
    }
  }
  if (failures.length > 0) throw new Error(`outbound consumers failed: ${failures.join(', ')}`);
  return results;
}

/** Whether the organization recorded events in the last day: the sweep dispatches only those. */
export async function hasRecentOutboundEvents(orgId: string): Promise<boolean> {
  const rows = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ seq: outboundEvents.seq })
      .from(outboundEvents)
      .where(
        and(
          eq(outboundEvents.orgId, orgId),
          sql`${outboundEvents.occurredAt} > now() - interval '1 day'`,
        ),
      )
      .limit(1),
  );
  return rows.length > 0;
}

/** Drops one organization's events past the retention window. */
export async function pruneOutboundEvents(
  orgId: string,
  days = OUTBOUND_RETENTION_DAYS,
): Promise<number> {
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const rows = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .delete(outboundEvents)
      .where(and(eq(outboundEvents.orgId, orgId), lt(outboundEvents.occurredAt, cutoff)))
      .returning({ seq: outboundEvents.seq }),
  );
  return rows.length;
}
