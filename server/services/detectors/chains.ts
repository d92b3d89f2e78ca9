import { and, eq, gte, lte, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signals } from '@/db/schema';
import {
  CHAIN_PART_KINDS,
  CHAIN_WINDOW_HOURS,
  joinIncidentChains,
  type ChainPart,
} from '@/server/domain/detectors/incident-chain';
import type { Severity, Signal, SignalKind } from '@/server/domain/detectors/types';

const HOUR = 3_600_000;
const partKinds = new Set<string>(CHAIN_PART_KINDS);

/**
 * The incident chains a run's findings complete (docs/DETECTORS.md §Chains), joined over the
 * stored signals of only the people with new findings, so parts stored by an earlier batch count.
 * A chain holding a new finding starts at most 24 h before it and its parts at most 24 h after
 * that, so one read of those people's signals starting from 24 h before the earliest new finding
 * to 24 h after the latest sees every part. Dismissed signals are not parts.
 */
export async function findIncidentChains(
  tx: Tx,
  orgId: string,
  found: readonly Signal[],
  maxEvidence: number,
): Promise<Signal[]> {
  const fresh = found.filter((s) => partKinds.has(s.kind));
  if (fresh.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const s of fresh) {
    first = Math.min(first, s.windowStart.getTime());
    last = Math.max(last, s.windowStart.getTime());
  }
  const people = [...new Set(fresh.map((s) => s.personId))];
  const rows = await tx
    .select({
      id: signals.id,
      personId: signals.personId,
      kind: signals.kind,
      severity: signals.severity,
      dedupeKey: signals.dedupeKey,
      windowStart: signals.windowStart,
      windowEnd: signals.windowEnd,
      evidenceEventIds: signals.evidenceEventIds,
      stats: signals.stats,
    })
    .from(signals)
    .where(
      and(
        eq(signals.orgId, orgId),
        sql`${signals.personId} = any(${sql.param(people)}::text[]::uuid[])`,
        sql`${signals.kind} = any(${sql.param([...partKinds])}::text[])`,
        ne(signals.status, 'dismissed'),
        gte(signals.windowStart, new Date(first - CHAIN_WINDOW_HOURS * HOUR)),
        lte(signals.windowStart, new Date(last + CHAIN_WINDOW_HOURS * HOUR)),
      ),
    );
  const parts: ChainPart[] = rows.map((r) => ({
    signalId: r.id,
    personId: r.personId,
    kind: r.kind as SignalKind,
    severity: r.severity as Severity,
    dedupeKey: r.dedupeKey,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    evidenceEventIds: r.evidenceEventIds,
    stats: (r.stats ?? {}) as Record<string, unknown>,
  }));
  return joinIncidentChains(parts, {
    fresh: new Set(fresh.map((s) => s.dedupeKey)),
    maxEvidence,
  });
}
