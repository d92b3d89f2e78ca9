import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, signals, watchlistEntries } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  detectIdentityReuse,
  IDENTITY_REUSE_KINDS,
  type ReusePerson,
} from '@/server/domain/screening/identity-reuse';
import { isoDay } from '@/server/domain/time';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { upsertProductSignal } from '@/server/services/signals/product-signals';

export interface IdentityReuseRun {
  /** Findings this run: one per person and shared value. */
  signals: number;
  created: number;
  updated: number;
}

interface SharedRow {
  person_id: string;
  kind: string;
  value: string;
  entry_ids: string[] | string | null;
}

/** postgres.js returns uuid[] as an array; PGlite may return its text form. */
function uuidList(v: string[] | string | null): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/** jsonb gives keys back in its own order: compare stored and new stats key-order-free. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/**
 * `identity_reuse` (docs/DETECTORS.md §Identity reuse), inside the caller's transaction, for the
 * whole organization or for the values some people hold. One
 * set-based read finds every identifier row whose (kind, value) another person holds (a semi
 * self-join on the lookup index) or a watchlist entry carries; only those people and entries are
 * loaded and judged. A signal is written only when new or changed, so a re-run writes nothing,
 * and its status is never touched, so a dismissed one stays dismissed.
 */
export async function raiseIdentityReuse(
  tx: Tx,
  orgId: string,
  actor: AuditActor,
  options: { personIds?: readonly string[]; now?: Date } = {},
): Promise<IdentityReuseRun> {
  const now = options.now ?? new Date();
  const run: IdentityReuseRun = { signals: 0, created: 0, updated: 0 };
  if (options.personIds?.length === 0) return run;
  const kinds = sql.join(
    IDENTITY_REUSE_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  // Scoped to some people (one edited, a few imported): the values they hold, with every holder
  // of those values, so the other holders' findings name them too.
  const scoped = options.personIds
    ? sql`select kind, value from person_identifiers where org_id = ${orgId}
        and person_id = any(${sql.param([...options.personIds])}::text[]::uuid[])`
    : null;
  const inScope = (kind: SQL, value: SQL) =>
    scoped ? sql`and (${kind}, ${value}) in (${scoped})` : sql``;
  const shared = rowsOf<SharedRow>(
    await tx.execute(sql`
      with listed as (
        select e->>'kind' as kind, e->>'value' as value, array_agg(distinct w.id) as entry_ids
        from watchlist_entries w cross join lateral jsonb_array_elements(w.identifiers) e
        where w.org_id = ${orgId} and e->>'kind' in (${kinds})
          ${inScope(sql`e->>'kind'`, sql`e->>'value'`)}
        group by 1, 2
      )
      select a.person_id, a.kind, a.value, l.entry_ids
      from person_identifiers a
      left join listed l on l.kind = a.kind and l.value = a.value
      where a.org_id = ${orgId} and a.kind in (${kinds}) ${inScope(sql`a.kind`, sql`a.value`)}
        and (l.kind is not null or exists (
          select 1 from person_identifiers b
          where b.org_id = a.org_id and b.kind = a.kind and b.value = a.value
            and b.person_id <> a.person_id))`),
  );
  if (shared.length === 0) return run;
  const existing = await tx
    .select({
      dedupeKey: signals.dedupeKey,
      severity: signals.severity,
      explanation: signals.explanation,
      stats: signals.stats,
    })
    .from(signals)
    .where(and(eq(signals.orgId, orgId), eq(signals.kind, 'identity_reuse')));

  const personIds = [...new Set(shared.map((r) => r.person_id))];
  const entryIds = [...new Set(shared.flatMap((r) => uuidList(r.entry_ids)))];
  const personRows = await tx
    .select({
      id: people.id,
      fullName: people.fullName,
      type: people.type,
      email: people.email,
      endDate: people.endDate,
      vendorId: people.vendorId,
    })
    .from(people)
    .where(
      and(
        eq(people.orgId, orgId),
        sql`${people.id} = any(${sql.param(personIds)}::text[]::uuid[])`,
      ),
    );
  const entryRows = entryIds.length
    ? await tx
        .select({
          id: watchlistEntries.id,
          name: watchlistEntries.name,
          source: watchlistEntries.source,
        })
        .from(watchlistEntries)
        .where(
          and(
            eq(watchlistEntries.orgId, orgId),
            sql`${watchlistEntries.id} = any(${sql.param(entryIds)}::text[]::uuid[])`,
          ),
        )
    : [];
  const idsOf = new Map<string, { kind: string; value: string }[]>();
  const entryIdentifiers = new Map<string, { kind: string; value: string }[]>();
  for (const r of shared) {
    idsOf.set(r.person_id, [...(idsOf.get(r.person_id) ?? []), { kind: r.kind, value: r.value }]);
    for (const id of uuidList(r.entry_ids))
      entryIdentifiers.set(id, [
        ...(entryIdentifiers.get(id) ?? []),
        { kind: r.kind, value: r.value },
      ]);
  }
  const found = detectIdentityReuse({
    people: personRows.map((p): ReusePerson => ({
      id: p.id,
      fullName: p.fullName,
      type: p.type,
      workEmail: p.email,
      endDate: p.endDate,
      identifiers: idsOf.get(p.id) ?? [],
    })),
    entries: entryRows.map((e) => ({ ...e, identifiers: entryIdentifiers.get(e.id) ?? [] })),
    today: isoDay(now),
  });
  const before = new Map(existing.map((s) => [s.dedupeKey, s]));
  const vendorOf = new Map(personRows.map((p) => [p.id, p.vendorId]));
  run.signals = found.length;
  for (const s of found) {
    const old = before.get(s.dedupeKey);
    if (
      old &&
      old.severity === s.severity &&
      old.explanation === s.explanation &&
      canonical(old.stats) === canonical(s.stats)
    )
      continue;
    await upsertProductSignal(tx, orgId, {
      ...s,
      vendorId: vendorOf.get(s.personId) ?? null,
      at: now,
    });
    if (old) run.updated += 1;
    else run.created += 1;
  }
  if (run.created + run.updated > 0)
    await appendAudit(tx, {
      orgId,
      actor,
      action: 'screening.identity_reuse',
      entityType: 'signal',
      entityId: null,
      after: { ...run },
      requestId: null,
      ip: null,
    });
  return run;
}

/**
 * The same in a transaction of its own (`vigil detect`, the detection job, the demo seed), then a
 * risk recompute when any signal was created or changed (docs/RISK.md §Triggers).
 */
export async function runIdentityReuse(
  orgId: string,
  actor: AuditActor,
): Promise<IdentityReuseRun> {
  const run = await withTenant({ orgId, userId: null }, (tx) =>
    raiseIdentityReuse(tx, orgId, actor),
  );
  if (run.created + run.updated > 0) await requestRiskRecompute(orgId);
  return run;
}
