import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signals } from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';

/** One evidence event as the signal page shows it. */
export interface EvidenceEvent {
  id: string;
  occurredAt: Date;
  source: string;
  actor: string;
  systemName: string | null;
  action: string;
  resource: string | null;
  recordCount: number;
  ticketId: string | null;
  ip: string | null;
  country: string | null;
  city: string | null;
  deviceId: string | null;
  userAgent: string | null;
  outcome: string;
}

const EVIDENCE_LIMIT = 100;

interface EvidenceRef {
  windowStart: Date;
  windowEnd: Date;
  evidenceEventIds: string[];
}

/** The signal's evidence events, read inside its window so partitions prune. */
export async function loadEvidenceEvents(
  tx: Tx,
  orgId: string,
  s: EvidenceRef,
): Promise<EvidenceEvent[]> {
  if (s.evidenceEventIds.length === 0) return [];
  return tx
    .select({
      id: accessEvents.id,
      occurredAt: accessEvents.occurredAt,
      source: accessEvents.source,
      actor: accessEvents.actor,
      systemName: accessEvents.systemName,
      action: accessEvents.action,
      resource: accessEvents.resource,
      recordCount: accessEvents.recordCount,
      ticketId: accessEvents.ticketId,
      ip: accessEvents.ip,
      country: accessEvents.country,
      city: accessEvents.city,
      deviceId: accessEvents.deviceId,
      userAgent: accessEvents.userAgent,
      outcome: accessEvents.outcome,
    })
    .from(accessEvents)
    .where(
      and(
        eq(accessEvents.orgId, orgId),
        sql`${accessEvents.occurredAt} between ${s.windowStart.toISOString()}::timestamptz and ${s.windowEnd.toISOString()}::timestamptz`,
        sql`${accessEvents.id} = any(${sql.param(s.evidenceEventIds)}::text[]::uuid[])`,
      ),
    )
    .orderBy(accessEvents.occurredAt)
    .limit(EVIDENCE_LIMIT);
}

/** A stored snapshot back as events (jsonb holds the time as a string). */
export function readEvidenceSnapshot(stored: unknown): EvidenceEvent[] {
  if (!Array.isArray(stored)) return [];
  return (stored as (Omit<EvidenceEvent, 'occurredAt'> & { occurredAt: string })[]).map((e) => ({
    ...e,
    occurredAt: new Date(e.occurredAt),
  }));
}

/** The snapshot once retention has copied it, else the live events. */
export async function signalEvidence(
  tx: Tx,
  orgId: string,
  s: EvidenceRef & { evidenceSnapshot: unknown },
): Promise<EvidenceEvent[]> {
  return s.evidenceSnapshot == null
    ? loadEvidenceEvents(tx, orgId, s)
    : readEvidenceSnapshot(s.evidenceSnapshot);
}

const SNAPSHOT_BATCH = 500;

/**
 * Copies the evidence of every living signal whose window starts before `cutoff` onto the signal
 * (docs/PRIVACY.md §Retention), so dropping those events leaves the signal page whole. Signals
 * already copied are skipped, so a rerun does nothing. Returns how many were copied.
 */
export async function snapshotSignalEvidence(tx: Tx, orgId: string, cutoff: Date) {
  let copied = 0;
  for (;;) {
    const batch = await tx
      .select({
        id: signals.id,
        windowStart: signals.windowStart,
        windowEnd: signals.windowEnd,
        evidenceEventIds: signals.evidenceEventIds,
      })
      .from(signals)
      .where(
        and(
          eq(signals.orgId, orgId),
          lt(signals.windowStart, cutoff),
          isNull(signals.evidenceSnapshot),
        ),
      )
      .limit(SNAPSHOT_BATCH);
    for (const s of batch) {
      const events = await loadEvidenceEvents(tx, orgId, s);
      await tx
        .update(signals)
        .set({ evidenceSnapshot: events })
        .where(and(eq(signals.orgId, orgId), eq(signals.id, s.id)));
    }
    copied += batch.length;
    if (batch.length < SNAPSHOT_BATCH) return copied;
  }
}
