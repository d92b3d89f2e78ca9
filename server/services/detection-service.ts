import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  ingestBatches,
  people,
  privileges,
  systems,
  vendorStatusHistory,
} from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';
import { withTenant } from '@/db/tenant';
import { SlidingBaselines } from '@/server/domain/detectors/baseline';
import { runDetectors } from '@/server/domain/detectors/run';
import { isSensitiveAction } from '@/server/domain/detectors/sensitive-action';
import type { DetectorEvent, PersonContext, Signal } from '@/server/domain/detectors/types';
import { appendAudit, type AuditActor } from './audit-service';
import { loadOrgSettings } from './access-facts';
import { rowsOf } from './sql-helpers';

/** Bumped when a detector's logic changes, so a signal says which version found it. */
export const DETECTOR_VERSION = '2026.11.1';
const BASELINE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface DetectionRun {
  events: number;
  people: number;
  created: number;
  updated: number;
  byKind: Record<string, { created: number; updated: number }>;
}

type EventRow = typeof accessEvents.$inferSelect;

function toDetectorEvent(
  e: Pick<
    EventRow,
    | 'id'
    | 'personId'
    | 'occurredAt'
    | 'systemName'
    | 'action'
    | 'resource'
    | 'recordCount'
    | 'ticketId'
    | 'ip'
    | 'country'
    | 'city'
    | 'lat'
    | 'lon'
    | 'deviceId'
    | 'userAgent'
    | 'outcome'
    | 'isProxy'
  >,
): DetectorEvent {
  return {
    id: e.id,
    personId: e.personId!,
    occurredAt: e.occurredAt,
    system: e.systemName,
    action: e.action,
    resource: e.resource,
    recordCount: e.recordCount,
    ticketId: e.ticketId,
    ip: e.ip,
    country: e.country,
    city: e.city,
    lat: e.lat,
    lon: e.lon,
    deviceId: e.deviceId,
    userAgent: e.userAgent,
    outcome: e.outcome,
    isProxy: e.isProxy,
    sensitive: isSensitiveAction(e.action, e.resource),
  };
}

const EVENT_COLUMNS = {
  id: accessEvents.id,
  personId: accessEvents.personId,
  occurredAt: accessEvents.occurredAt,
  systemName: accessEvents.systemName,
  action: accessEvents.action,
  resource: accessEvents.resource,
  recordCount: accessEvents.recordCount,
  ticketId: accessEvents.ticketId,
  ip: accessEvents.ip,
  country: accessEvents.country,
  city: accessEvents.city,
  lat: accessEvents.lat,
  lon: accessEvents.lon,
  deviceId: accessEvents.deviceId,
  userAgent: accessEvents.userAgent,
  outcome: accessEvents.outcome,
  isProxy: accessEvents.isProxy,
};

/** Everyone the detectors reason about: declared place and time, end dates, grants, peer group. */
async function loadContexts(
  tx: Tx,
  orgId: string,
): Promise<{ contexts: PersonContext[]; vendorOf: Map<string, string | null> }> {
  const rows = await tx
    .select({
      id: people.id,
      timezone: people.timezone,
      country: people.country,
      workMode: people.workMode,
      endDate: people.endDate,
      vendorId: people.vendorId,
      department: people.department,
      title: people.title,
    })
    .from(people)
    .where(eq(people.orgId, orgId));
  const offboarded = await tx
    .select({
      vendorId: vendorStatusHistory.vendorId,
      at: sql<Date>`min(${vendorStatusHistory.changedAt})`,
    })
    .from(vendorStatusHistory)
    .where(
      and(
        eq(vendorStatusHistory.orgId, orgId),
        inArray(vendorStatusHistory.toStatus, ['offboarding', 'terminated']),
      ),
    )
    .groupBy(vendorStatusHistory.vendorId);
  const offboardedAt = new Map(offboarded.map((o) => [o.vendorId, new Date(o.at)]));
  const grants = await tx
    .select({
      personId: accessGrants.personId,
      system: systems.name,
      privilege: privileges.name,
      from: accessGrants.startsAt,
      expiresAt: accessGrants.expiresAt,
      endedAt: accessGrants.endedAt,
    })
    .from(accessGrants)
    .innerJoin(
      systems,
      and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
    )
    .innerJoin(
      privileges,
      and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
    )
    .where(and(eq(accessGrants.orgId, orgId), isNotNull(accessGrants.startsAt)));
  const grantsOf = new Map<string, PersonContext['grants']>();
  for (const g of grants)
    grantsOf.set(g.personId, [
      ...(grantsOf.get(g.personId) ?? []),
      { system: g.system, privilege: g.privilege, from: g.from!, to: g.endedAt ?? g.expiresAt },
    ]);
  return {
    contexts: rows.map((p) => ({
      id: p.id,
      timezone: p.timezone,
      declaredCountry: p.country,
      workMode: p.workMode,
      endDate: p.endDate,
      vendorOffboardedAt: p.vendorId ? (offboardedAt.get(p.vendorId) ?? null) : null,
      // Peers: the same vendor's staff, else the same department and title.
      peerGroupKey: p.vendorId
        ? `vendor:${p.vendorId}`
        : p.department
          ? `dept:${p.department}:${p.title ?? ''}`
          : null,
      grants: grantsOf.get(p.id) ?? [],
    })),
    vendorOf: new Map(rows.map((p) => [p.id, p.vendorId])),
  };
}

const SIGNAL_ROWS_PER_INSERT = 2000;

/**
 * Upserts on the signal's stable key: a re-run refreshes evidence but never reopens a triaged
 * one. Written a few hundred rows per statement (row-by-row was thousands of round trips for a
 * backfill); a key found twice in one run keeps its last finding, as sequential upserts did.
 */
async function saveSignals(
  tx: Tx,
  orgId: string,
  found: Signal[],
  vendorOf: Map<string, string | null>,
) {
  const byKind: DetectionRun['byKind'] = {};
  const latest = new Map<string, Signal>();
  const seen = new Map<string, number>();
  for (const s of found) {
    latest.set(s.dedupeKey, s);
    seen.set(s.dedupeKey, (seen.get(s.dedupeKey) ?? 0) + 1);
  }
  const unique = [...latest.values()];
  // Column arrays through unnest, like the ingest writer: a multi-row VALUES of this width cost
  // drizzle and the driver ~0.2 ms a signal to build and bind (docs/BENCHMARKS.md).
  const texts = (values: (string | null)[]) => sql`${sql.param(values)}::text[]`;
  for (let i = 0; i < unique.length; i += SIGNAL_ROWS_PER_INSERT) {
    const part = unique.slice(i, i + SIGNAL_ROWS_PER_INSERT);
    const col = (f: (s: Signal) => string | null) => texts(part.map(f));
    const rows = rowsOf<{ kind: string; dedupe_key: string; inserted: boolean }>(
      await tx.execute(sql`
        insert into signals (org_id, kind, person_id, vendor_id, severity, window_start, window_end,
          dedupe_key, explanation, evidence_event_ids, stats, detector_version)
        select ${orgId}::uuid, t.kind, t.person_id::uuid, t.vendor_id::uuid, t.severity,
          t.window_start::timestamptz, t.window_end::timestamptz, t.dedupe_key, t.explanation,
          t.evidence::uuid[], t.stats::jsonb, ${DETECTOR_VERSION}
        from unnest(${col((s) => s.kind)}, ${col((s) => s.personId)},
          ${col((s) => vendorOf.get(s.personId) ?? null)}, ${col((s) => s.severity)},
          ${col((s) => s.windowStart.toISOString())}, ${col((s) => s.windowEnd.toISOString())},
          ${col((s) => s.dedupeKey)}, ${col((s) => s.explanation)},
          ${col((s) => `{${s.evidenceEventIds.join(',')}}`)}, ${col((s) => JSON.stringify(s.stats))})
          as t(kind, person_id, vendor_id, severity, window_start, window_end, dedupe_key,
            explanation, evidence, stats)
        on conflict (org_id, dedupe_key) do update set
          severity = excluded.severity, window_start = excluded.window_start,
          window_end = excluded.window_end, explanation = excluded.explanation,
          evidence_event_ids = excluded.evidence_event_ids, stats = excluded.stats,
          detector_version = excluded.detector_version, updated_at = now()
        returning kind, dedupe_key, (xmax = 0) as inserted`),
    );
    for (const row of rows) {
      const counts = (byKind[row.kind] ??= { created: 0, updated: 0 });
      const times = seen.get(row.dedupe_key) ?? 1;
      // Sequential upserts would have created the first and updated each repeat.
      counts.created += row.inserted ? 1 : 0;
      counts.updated += times - (row.inserted ? 1 : 0);
    }
  }
  return byKind;
}

/**
 * Runs every detector over a set of new events (one ingest batch, or everything since a time)
 * against baselines from the 30 days before them. Idempotent: the same events give the same
 * signal keys, so re-running updates rather than duplicates.
 */
export async function detectEvents(
  orgId: string,
  scope: { batchId: string } | { since: Date },
  actor: AuditActor,
): Promise<DetectionRun> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const where =
      'batchId' in scope
        ? and(
            eq(accessEvents.orgId, orgId),
            eq(accessEvents.batchId, scope.batchId),
            isNotNull(accessEvents.personId),
          )
        : and(
            eq(accessEvents.orgId, orgId),
            sql`${accessEvents.occurredAt} >= ${scope.since.toISOString()}::timestamptz`,
            isNotNull(accessEvents.personId),
          );
    // The new events' time span first (one index probe), then one read of everything the run
    // needs: the 30 days before the first new day up to the end of the last. The new events are
    // in that read, so they are picked out of it rather than read twice (a 1M-event backfill
    // otherwise reads its rows twice, and reading rows is most of detection's database time).
    const [span] = await tx
      .select({
        first: sql<string | null>`min(${accessEvents.occurredAt})`,
        last: sql<string | null>`max(${accessEvents.occurredAt})`,
      })
      .from(accessEvents)
      .where(where);
    const run: DetectionRun = {
      events: 0,
      people: 0,
      created: 0,
      updated: 0,
      byKind: {},
    };
    if (span?.first && span.last) {
      const firstDay = Math.floor(new Date(span.first).getTime() / DAY_MS) * DAY_MS;
      const lastDay = Math.floor(new Date(span.last).getTime() / DAY_MS) * DAY_MS;
      const historyStart = new Date(firstDay - BASELINE_DAYS * DAY_MS);
      const isNew =
        'batchId' in scope
          ? (e: { batchId: string }) => e.batchId === scope.batchId
          : (e: { occurredAt: Date }) => e.occurredAt >= scope.since;
      const rows = await tx
        .select({ ...EVENT_COLUMNS, batchId: accessEvents.batchId })
        .from(accessEvents)
        .where(
          and(
            eq(accessEvents.orgId, orgId),
            isNotNull(accessEvents.personId),
            sql`${accessEvents.occurredAt} >= ${historyStart.toISOString()}::timestamptz and ${accessEvents.occurredAt} < ${new Date(lastDay + DAY_MS).toISOString()}::timestamptz`,
          ),
        )
        .orderBy(accessEvents.occurredAt);
      // A batch may span many days (a backfill): each day's events are judged against the 30
      // days before that day, which may include earlier days of the same batch.
      const history: DetectorEvent[] = [];
      const byDay = new Map<number, DetectorEvent[]>();
      for (const row of rows) {
        const e = toDetectorEvent(row);
        if (e.occurredAt.getTime() < lastDay) history.push(e);
        if (!isNew(row)) continue;
        run.events += 1;
        const day = Math.floor(e.occurredAt.getTime() / DAY_MS) * DAY_MS;
        const list = byDay.get(day);
        if (list) list.push(e);
        else byDay.set(day, [e]);
      }
      const days = [...byDay.keys()].sort((a, b) => a - b);
      const settings = await loadOrgSettings(tx, orgId);
      const { contexts, vendorOf } = await loadContexts(tx, orgId);
      // Last activity before the history, for dormancy (one index probe per person).
      const lastSeen = rowsOf<{ person_id: string; last: string }>(
        await tx.execute(sql`
          select person_id, max(occurred_at) as last from access_events
          where org_id = ${orgId} and person_id is not null and occurred_at < ${historyStart.toISOString()}::timestamptz
          group by person_id`),
      );
      const priorLast = new Map(lastSeen.map((r) => [r.person_id, new Date(r.last)]));
      const org = {
        highRiskCountries: settings.highRiskCountries,
        workingHours: settings.workingHours,
        officeIps: [],
        officeCidrs: [],
      };
      const found: Signal[] = [];
      // The 30-day window slides forward day by day: each history event enters and leaves it
      // once (SlidingBaselines), rather than every day's baselines being rebuilt from 30 days.
      const window = new SlidingBaselines(contexts);
      let from = 0;
      let to = 0;
      for (const day of days) {
        const windowStart = day - BASELINE_DAYS * DAY_MS;
        while (from < history.length && history[from]!.occurredAt.getTime() < windowStart) {
          // Events leaving the window are the latest activity before it, for dormancy.
          priorLast.set(history[from]!.personId, history[from]!.occurredAt);
          from++;
        }
        window.removeBefore(windowStart);
        for (to = Math.max(to, from); to < history.length; to++) {
          if (history[to]!.occurredAt.getTime() >= day) break;
          window.add(history[to]!);
        }
        const baselines = window.snapshot(new Date(day), BASELINE_DAYS);
        // Someone silent through the whole window was last seen before it (dormancy needs that).
        for (const [personId, b] of baselines)
          if (b.lastSeenAt === null) b.lastSeenAt = priorLast.get(personId) ?? null;
        found.push(
          ...runDetectors({ people: contexts, newEvents: byDay.get(day)!, baselines, org }),
        );
      }
      const fresh = days.flatMap((d) => byDay.get(d)!);
      run.people = new Set(fresh.map((e) => e.personId)).size;
      run.byKind = await saveSignals(tx, orgId, found, vendorOf);
      for (const c of Object.values(run.byKind)) {
        run.created += c.created;
        run.updated += c.updated;
      }
    }
    if ('batchId' in scope)
      await tx
        .update(ingestBatches)
        .set({ detectedAt: new Date() })
        .where(and(eq(ingestBatches.orgId, orgId), eq(ingestBatches.id, scope.batchId)));
    await appendAudit(tx, {
      orgId,
      actor,
      action: 'detect.run',
      entityType: 'ingest_batch',
      entityId: 'batchId' in scope ? scope.batchId : null,
      after: { ...run, ...('since' in scope ? { since: scope.since.toISOString() } : {}) },
      requestId: null,
      ip: null,
    });
    return run;
  });
}

/** Batches the detectors have not seen yet, oldest first (`vigil detect` without --since). */
export async function undetectedBatches(orgId: string): Promise<string[]> {
  const rows = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ id: ingestBatches.id })
      .from(ingestBatches)
      .where(
        and(
          eq(ingestBatches.orgId, orgId),
          sql`${ingestBatches.detectedAt} is null`,
          sql`${ingestBatches.inserted} > 0`,
        ),
      )
      .orderBy(ingestBatches.startedAt),
  );
  return rows.map((r) => r.id);
}
