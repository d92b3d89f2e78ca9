import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { outboundEvents } from '@/db/schema';
import {
  OUTBOUND_EVENT_DATA,
  type OutboundEventData,
  type OutboundEventType,
  type StoredOutboundEvent,
} from '@/server/domain/outbound/events';
import { appBaseUrl } from '@/server/services/mail/outbox';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { noteOutboundPending } from './dispatch';

/**
 * Numbers events per organization under a transaction-scoped advisory lock: the next writer
 * waits for this transaction to commit, so sequence order is commit order and a destination's
 * checkpoint never skips an event that commits late (docs/INTEGRATIONS.md §Events).
 */
async function nextSequence(tx: Tx, orgId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${orgId}, 44))`);
  const [row] = await tx
    .select({ seq: sql<string>`coalesce(max(${outboundEvents.seq}), 0)` })
    .from(outboundEvents)
    .where(eq(outboundEvents.orgId, orgId));
  return Number(row?.seq ?? 0) + 1;
}

/** A link into the app, absolute so it works from Slack, mail or a SIEM. */
export function appLink(path: string): string {
  return `${appBaseUrl()}${path}`;
}

/**
 * Records one event in the caller's transaction, so it exists only if the change commits. The
 * data is checked against its version-1 shape: a wrong shape is a bug and fails the change.
 */
export async function recordOutboundEvent<T extends OutboundEventType>(
  tx: Tx,
  orgId: string,
  type: T,
  subject: { type: string; id: string },
  data: OutboundEventData<T>,
): Promise<void> {
  const parsed = OUTBOUND_EVENT_DATA[type].parse(data);
  const seq = await nextSequence(tx, orgId);
  await tx.insert(outboundEvents).values({
    orgId,
    seq,
    type,
    subjectType: subject.type,
    subjectId: subject.id,
    data: parsed,
  });
  noteOutboundPending(orgId);
}

/**
 * `signal.created` (or `signal.escalated`) for many signals in one statement: detection writes
 * thousands at once. The data is built from the stored rows, the same shape as
 * OUTBOUND_EVENT_DATA['signal.created'].
 */
export async function recordSignalEvents(
  tx: Tx,
  orgId: string,
  type: 'signal.created' | 'signal.escalated',
  signalIds: readonly string[],
  caseRef?: { id: string; reference: string },
): Promise<number> {
  if (signalIds.length === 0) return 0;
  const first = await nextSequence(tx, orgId);
  const base = appBaseUrl();
  const caseJson = caseRef
    ? sql`, 'case', jsonb_build_object('id', ${caseRef.id}::text, 'reference', ${caseRef.reference}::text,
        'url', ${`${base}/cases/${caseRef.id}`}::text)`
    : sql``;
  const result = await tx.execute(sql`
    insert into outbound_events (org_id, seq, type, subject_type, subject_id, data)
    select s.org_id, ${first}::bigint - 1 + row_number() over (order by s.created_at, s.id),
      ${type}, 'signal', s.id::text,
      jsonb_build_object(
        'signal', jsonb_build_object('id', s.id, 'kind', s.kind, 'severity', s.severity,
          'status', s.status, 'explanation', s.explanation,
          'windowStart', to_char(s.window_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'windowEnd', to_char(s.window_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'url', ${`${base}/signals/`}::text || s.id::text),
        'person', case when p.id is null then null else
          jsonb_build_object('id', p.id, 'name', p.full_name, 'email', p.email) end
        ${caseJson})
    from signals s
    left join people p on p.org_id = s.org_id and p.id = s.person_id
    where s.org_id = ${orgId} and s.id = any(${sql.param([...signalIds])}::uuid[])
    returning seq`);
  noteOutboundPending(orgId);
  return rowsOf(result).length;
}

/** Events after a destination's checkpoint, oldest first. */
export async function readOutboundEvents(
  tx: Tx,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredOutboundEvent[]> {
  const rows = await tx
    .select()
    .from(outboundEvents)
    .where(and(eq(outboundEvents.orgId, orgId), gt(outboundEvents.seq, afterSeq)))
    .orderBy(asc(outboundEvents.seq))
    .limit(limit);
  return rows;
}

/** The newest sequence number: where a destination added today starts (it sends what follows). */
export async function latestOutboundSequence(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ seq: sql<string>`coalesce(max(${outboundEvents.seq}), 0)` })
    .from(outboundEvents)
    .where(eq(outboundEvents.orgId, orgId));
  return Number(row?.seq ?? 0);
}
