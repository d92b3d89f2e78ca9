import { and, asc, eq, gte, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, signals, watchlistEntries } from '@/db/schema';
import { CHAIN_PART_KINDS, CHAIN_WINDOW_HOURS } from '@/server/domain/detectors/incident-chain';
import type { FoundPart } from '@/server/domain/signals/describe-chain';
import type { Stats } from '@/server/domain/signals/facts';
import { chainPartsOf, reuseHoldersOf } from '@/server/domain/signals/related';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/** A chain this signal is a part of. */
export interface ChainRef {
  id: string;
  severity: string;
  status: string;
  story: string | null;
  windowStart: Date;
}

export interface SignalRelations {
  /** incident_chain: its part signals found in this organization (by id, else by dedupe key). */
  parts: FoundPart[];
  /** A part kind: the incident chains naming this signal among their parts. */
  chains: ChainRef[];
  /** identity_reuse: the other holders and watchlist entries, with names. */
  holders: { id: string; name: string; type: string; what: 'person' | 'entry' }[];
}

interface SignalRow {
  id: string;
  kind: string;
  personId: string;
  dedupeKey: string;
  windowStart: Date;
  windowEnd: Date;
  stats: unknown;
}

const HOUR = 3_600_000;
const partKinds = new Set<string>(CHAIN_PART_KINDS);
const MAX_CHAINS = 20;

/**
 * What a signal's page links to (docs/PRODUCT.md §The signal page), inside the page's own read:
 * at most one bounded query per kind, each naming the organization (row-level security checks it
 * again), so another tenant's signal with the same dedupe key or a stale id never links.
 */
export async function signalRelations(
  tx: Tx,
  orgId: string,
  s: SignalRow,
): Promise<SignalRelations> {
  const stats = (s.stats ?? {}) as Stats;
  const relations: SignalRelations = { parts: [], chains: [], holders: [] };
  if (s.kind === 'incident_chain') relations.parts = await chainParts(tx, orgId, s, stats);
  else if (partKinds.has(s.kind)) relations.chains = await chainsHolding(tx, orgId, s);
  if (s.kind === 'identity_reuse') relations.holders = await reuseHolders(tx, orgId, stats);
  return relations;
}

/** One read by primary key and by (org_id, dedupe_key) — the unique index — for all parts at once. */
async function chainParts(tx: Tx, orgId: string, s: SignalRow, stats: Stats): Promise<FoundPart[]> {
  const parts = chainPartsOf(stats);
  if (parts.length === 0) return [];
  const ids = parts.flatMap((p) => (p.signalId ? [p.signalId] : []));
  const keys = parts.map((p) => p.dedupeKey);
  const rows = await tx
    .select({
      id: signals.id,
      dedupeKey: signals.dedupeKey,
      status: signals.status,
      windowStart: signals.windowStart,
      windowEnd: signals.windowEnd,
      stats: signals.stats,
    })
    .from(signals)
    .where(
      and(
        eq(signals.orgId, orgId),
        // A chain's parts are its person's signals.
        eq(signals.personId, s.personId),
        or(
          ids.length ? sql`${signals.id} = any(${sql.param(ids)}::text[]::uuid[])` : sql`false`,
          sql`${signals.dedupeKey} = any(${sql.param(keys)}::text[])`,
        ),
      ),
    );
  return rows.map((r) => ({ ...r, stats: (r.stats ?? {}) as Stats }));
}

/**
 * The person's incident chains naming this signal (by id or dedupe key) among `stats.parts`: a
 * jsonb containment test over only their chains overlapping this signal's window, with a day either
 * side for a chain's reach (docs/DETECTORS.md §Chains), read along signals_person_idx.
 */
async function chainsHolding(tx: Tx, orgId: string, s: SignalRow): Promise<ChainRef[]> {
  const reach = CHAIN_WINDOW_HOURS * HOUR * 2;
  const byId = JSON.stringify([{ signalId: s.id }]);
  const byKey = JSON.stringify([{ dedupeKey: s.dedupeKey }]);
  return tx
    .select({
      id: signals.id,
      severity: signals.severity,
      status: signals.status,
      story: sql<string | null>`${signals.stats}->>'story'`,
      windowStart: signals.windowStart,
    })
    .from(signals)
    .where(
      and(
        eq(signals.orgId, orgId),
        eq(signals.personId, s.personId),
        eq(signals.kind, 'incident_chain'),
        gte(signals.windowEnd, new Date(s.windowStart.getTime() - reach)),
        lte(signals.windowStart, new Date(s.windowEnd.getTime() + reach)),
        sql`(${signals.stats}->'parts' @> ${byId}::jsonb or ${signals.stats}->'parts' @> ${byKey}::jsonb)`,
      ),
    )
    .orderBy(asc(signals.windowStart), asc(signals.id))
    .limit(MAX_CHAINS);
}

/** The other holders' names and the watchlist entries' names, in one query. */
async function reuseHolders(tx: Tx, orgId: string, stats: Stats) {
  const { sharedWith, watchlistEntryIds } = reuseHoldersOf(stats);
  if (sharedWith.length === 0 && watchlistEntryIds.length === 0) return [];
  const personIds = sharedWith.map((h) => h.personId);
  const rows = rowsOf<{ what: 'person' | 'entry'; id: string; name: string; type: string }>(
    await tx.execute(sql`
      select 'person' as what, ${people.id} as id, ${people.fullName} as name, ${people.type} as type
      from ${people}
      where ${people.orgId} = ${orgId} and ${people.id} = any(${sql.param(personIds)}::text[]::uuid[])
      union all
      select 'entry', ${watchlistEntries.id}, ${watchlistEntries.name}, ${watchlistEntries.source}
      from ${watchlistEntries}
      where ${watchlistEntries.orgId} = ${orgId}
        and ${watchlistEntries.id} = any(${sql.param(watchlistEntryIds)}::text[]::uuid[])`),
  );
  // In the order the signal lists them (people by name, then entries by name).
  const order = new Map([...personIds, ...watchlistEntryIds].map((id, i) => [id, i]));
  return rows
    .map((r) => ({ ...r, id: String(r.id) }))
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
