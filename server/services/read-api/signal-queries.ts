import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { caseSignals, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ReadSignalsInput } from '@/server/domain/read-api/inputs';
import type { ReadPage, ReadSignal } from '@/server/domain/read-api/shapes';
import { beforeCursor, microsKey } from '@/server/services/shared/keyset';
import { iso, isoOrNull, keyScope, pageOf } from './page';

const CREATED_KEY = microsKey(signals.createdAt);

/**
 * Signals newest first by when Vigil raised them (the queue's order and index); `since`/`until`
 * bound that same time, so a client can poll for what is new.
 */
export async function readSignals(
  orgId: string,
  f: ReadSignalsInput,
): Promise<ReadPage<ReadSignal>> {
  const conditions: SQL[] = [eq(signals.orgId, orgId)];
  if (f.status) conditions.push(inArray(signals.status, f.status));
  if (f.severity) conditions.push(inArray(signals.severity, f.severity));
  if (f.kind) conditions.push(inArray(signals.kind, f.kind));
  if (f.personId) conditions.push(eq(signals.personId, f.personId));
  if (f.since) conditions.push(gte(signals.createdAt, f.since));
  if (f.until) conditions.push(lt(signals.createdAt, f.until));
  if (f.cursor) conditions.push(beforeCursor(signals.createdAt, signals.id, f.cursor));
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select({
        id: signals.id,
        kind: signals.kind,
        severity: signals.severity,
        status: signals.status,
        personId: signals.personId,
        vendorId: signals.vendorId,
        caseId: sql<
          string | null
        >`(select cs.case_id from ${caseSignals} cs where cs.org_id = ${signals.orgId} and cs.signal_id = ${signals.id})`,
        explanation: signals.explanation,
        windowStart: signals.windowStart,
        windowEnd: signals.windowEnd,
        detectorVersion: signals.detectorVersion,
        statusAt: signals.statusAt,
        createdAt: signals.createdAt,
        updatedAt: signals.updatedAt,
        timeKey: CREATED_KEY,
      })
      .from(signals)
      .where(and(...conditions))
      .orderBy(desc(signals.createdAt), desc(signals.id))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    ({ timeKey: _k, ...s }) => ({
      ...s,
      windowStart: iso(s.windowStart),
      windowEnd: iso(s.windowEnd),
      statusAt: isoOrNull(s.statusAt),
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
    }),
    (r) => [r.timeKey, r.id],
  );
}
