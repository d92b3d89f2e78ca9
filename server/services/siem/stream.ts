import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog, siemDestinations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { eventMatchesFilter, outboundEnvelope } from '@/server/domain/outbound/events';
import type { OutboundEventType } from '@/server/domain/outbound/events';
import { afterFailure } from '@/server/domain/siem/backoff';
import { auditRecord, signalRecord, type SiemRecord } from '@/server/domain/siem/records';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import {
  recordConnectorFailure,
  recordDeliveryFailures,
} from '@/server/services/observability/record';
import {
  appLink,
  readOutboundEvents,
  recordOutboundEvent,
} from '@/server/services/outbound/events';
import { orgSlug, targetOf, vigilHostname, type SiemDestinationRow } from './destinations';
import { deliverBatch, type SiemTarget } from './transport';

/**
 * Streams each due destination of one organization from its checkpoints
 * (docs/INTEGRATIONS.md §SIEM streaming): a batch per source in turn, the checkpoint saved right
 * after the receiver accepted it, until caught up or out of time. A crash between acceptance and
 * the save repeats that one batch; every record carries a stable id for the receiver to drop it.
 */
export interface StreamOptions {
  batchSize?: number;
  budgetMs?: number;
  now?: () => Date;
}

export interface DestinationRun {
  id: string;
  sent: number;
  /** Out of time before caught up: run again soon. */
  more: boolean;
  /** Failed: when the next try is due. */
  retryAt: Date | null;
  error?: string;
}

const DEFAULT_BATCH = 500;
const DEFAULT_BUDGET_MS = 20_000;
/** A lease outlives the budget by this much, so a worker that died frees the destination. */
const LEASE_MARGIN_MS = 60_000;

type Source = 'signals' | 'audit';

export async function streamSiemOrg(
  orgId: string,
  o: StreamOptions = {},
): Promise<DestinationRun[]> {
  const now = o.now ?? (() => new Date());
  const due = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ id: siemDestinations.id })
      .from(siemDestinations)
      .where(
        and(
          eq(siemDestinations.orgId, orgId),
          ne(siemDestinations.status, 'paused'),
          or(isNull(siemDestinations.nextAttemptAt), lte(siemDestinations.nextAttemptAt, now())),
        ),
      ),
  );
  const runs: DestinationRun[] = [];
  // One destination's failure or slowness is its own: each is claimed, sent and saved alone.
  for (const { id } of due) {
    const run = await streamDestination(orgId, id, o, now);
    if (run) runs.push(run);
  }
  return runs;
}

async function claim(orgId: string, id: string, owner: string, until: Date, at: Date) {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const [row] = await tx
      .update(siemDestinations)
      .set({ leaseOwner: owner, leaseUntil: until })
      .where(
        and(
          eq(siemDestinations.orgId, orgId),
          eq(siemDestinations.id, id),
          ne(siemDestinations.status, 'paused'),
          or(isNull(siemDestinations.nextAttemptAt), lte(siemDestinations.nextAttemptAt, at)),
          or(isNull(siemDestinations.leaseUntil), lt(siemDestinations.leaseUntil, at)),
        ),
      )
      .returning();
    return row ? { row, slug: await orgSlug(tx, orgId) } : undefined;
  });
}

const mine = (orgId: string, id: string, owner: string) =>
  and(
    eq(siemDestinations.orgId, orgId),
    eq(siemDestinations.id, id),
    eq(siemDestinations.leaseOwner, owner),
  );

/** The next batch of one source after its checkpoint, and the sequence it reads up to. */
async function readBatch(
  tx: Tx,
  row: SiemDestinationRow,
  slug: string,
  source: Source,
  after: number,
  limit: number,
): Promise<{ records: SiemRecord[]; upTo: number; full: boolean }> {
  if (source === 'signals') {
    const events = await readOutboundEvents(tx, row.orgId, after, limit);
    const filter = row.eventTypes as OutboundEventType[];
    return {
      records: events
        .filter((e) => eventMatchesFilter(e.type, filter))
        .map((e) => signalRecord(outboundEnvelope(e, slug))),
      upTo: events.at(-1)?.seq ?? after,
      full: events.length === limit,
    };
  }
  const entries = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, row.orgId), gt(auditLog.seq, after)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
  return {
    records: entries.map((a) => auditRecord(a, slug)),
    upTo: entries.at(-1)?.seq ?? after,
    full: entries.length === limit,
  };
}

async function streamDestination(
  orgId: string,
  id: string,
  o: StreamOptions,
  now: () => Date,
): Promise<DestinationRun | null> {
  const batchSize = o.batchSize ?? DEFAULT_BATCH;
  const budgetMs = o.budgetMs ?? DEFAULT_BUDGET_MS;
  const owner = randomUUID();
  const started = now();
  const claimed = await claim(
    orgId,
    id,
    owner,
    new Date(started.getTime() + budgetMs + LEASE_MARGIN_MS),
    started,
  );
  if (!claimed) return null;
  const { row, slug } = claimed;
  const checkpoint: Record<Source, number> = { signals: row.outboundSeq, audit: row.auditSeq };
  let open = (row.sources as Source[]).filter((s) => s === 'signals' || s === 'audit');
  const run: DestinationRun = { id, sent: 0, more: false, retryAt: null };
  const hostname = vigilHostname();
  try {
    const target: SiemTarget = targetOf(row);
    // A batch from each source in turn, so a busy signal stream does not starve the audit log.
    while (open.length > 0) {
      if (now().getTime() - started.getTime() >= budgetMs) {
        run.more = true;
        break;
      }
      const still: Source[] = [];
      for (const source of open) {
        const batch = await withTenant({ orgId, userId: null }, (tx) =>
          readBatch(tx, row, slug, source, checkpoint[source], batchSize),
        );
        if (batch.upTo === checkpoint[source]) continue;
        await deliverBatch(target, batch.records, hostname);
        checkpoint[source] = batch.upTo;
        run.sent += batch.records.length;
        await saveProgress(orgId, id, owner, source, batch.upTo, batch.records.length > 0, now());
        if (batch.full) still.push(source);
      }
      open = still;
    }
  } catch (error) {
    const message = (error as Error).message.slice(0, 300);
    recordDeliveryFailures('siem', { retry: 1 });
    recordConnectorFailure('siem');
    run.error = message;
    run.retryAt = await recordFailure(orgId, row, owner, message, now());
  } finally {
    await withTenant({ orgId, userId: null }, (tx) =>
      tx
        .update(siemDestinations)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(mine(orgId, id, owner)),
    );
  }
  return run;
}

async function saveProgress(
  orgId: string,
  id: string,
  owner: string,
  source: Source,
  upTo: number,
  delivered: boolean,
  at: Date,
): Promise<void> {
  await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .update(siemDestinations)
      .set({
        ...(source === 'signals' ? { outboundSeq: upTo } : { auditSeq: upTo }),
        // A batch the filter emptied moves the checkpoint only: nothing reached the receiver.
        ...(delivered
          ? {
              lastSuccessAt: at,
              failures: 0,
              nextAttemptAt: null,
              // A destination that recovers by itself needs no one's attention any more.
              status: sql`case when ${siemDestinations.status} = 'needs_attention' then 'active' else ${siemDestinations.status} end`,
            }
          : {}),
        updatedAt: at,
      })
      .where(mine(orgId, id, owner)),
  );
}

/**
 * Counts the failure and sets the next try; on the failure that turns the destination to
 * `needs_attention`, records one `connector.failed` event in the same transaction.
 */
async function recordFailure(
  orgId: string,
  row: SiemDestinationRow,
  owner: string,
  message: string,
  at: Date,
): Promise<Date | null> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const [current] = await tx
      .select({ status: siemDestinations.status, failures: siemDestinations.failures })
      .from(siemDestinations)
      .where(mine(orgId, row.id, owner))
      .for('update');
    if (!current) return null;
    const next = afterFailure(current, at, Math.random());
    await tx
      .update(siemDestinations)
      .set({
        failures: next.failures,
        status: next.status,
        nextAttemptAt: next.nextAttemptAt,
        lastError: message,
        lastErrorAt: at,
        updatedAt: at,
      })
      .where(mine(orgId, row.id, owner));
    if (next.turned) {
      await recordOutboundEvent(
        tx,
        orgId,
        'connector.failed',
        { type: 'siem_destination', id: row.id },
        {
          connector: { id: row.id, kind: `siem.${row.kind}`, name: row.name },
          error: message,
          url: appLink('/settings/siem'),
        },
      );
      // Admins hear of it by mail too (docs/NOTIFICATIONS.md): nobody may be watching the page.
      await notifyAdminsOfFailure(tx, orgId, {
        what: `SIEM destination ${row.name}`,
        detail: `${next.failures} deliveries in a row failed; last error: ${message}. Vigil keeps retrying with back-off.`,
        link: '/settings/siem',
      });
    }
    return next.nextAttemptAt;
  });
}
