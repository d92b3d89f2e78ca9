import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  ingestBatches,
  people,
  privileges,
  signals,
  systems,
  vendorStatusHistory,
} from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';
import { withTenant } from '@/db/tenant';
import { buildBaselines } from '@/server/domain/detectors/baseline';
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

/** Upserts on the signal's stable key: a re-run refreshes evidence but never reopens a triaged one. */
async function saveSignals(
  tx: Tx,
  orgId: string,
  found: Signal[],
  vendorOf: Map<string, string | null>,
) {
  const byKind: DetectionRun['byKind'] = {};
  for (const s of found) {
    const [row] = await tx
      .insert(signals)
      .values({
        orgId,
        kind: s.kind,
        personId: s.personId,
        vendorId: vendorOf.get(s.personId) ?? null,
        severity: s.severity,
        windowStart: s.windowStart,
        windowEnd: s.windowEnd,
        dedupeKey: s.dedupeKey,
        explanation: s.explanation,
        evidenceEventIds: s.evidenceEventIds,
        stats: s.stats,
        detectorVersion: DETECTOR_VERSION,
      })
      .onConflictDoUpdate({
        target: [signals.orgId, signals.dedupeKey],
        set: {
          severity: s.severity,
          windowStart: s.windowStart,
          windowEnd: s.windowEnd,
          explanation: s.explanation,
          evidenceEventIds: s.evidenceEventIds,
          stats: s.stats,
          detectorVersion: DETECTOR_VERSION,
          updatedAt: new Date(),
        },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const counts = (byKind[s.kind] ??= { created: 0, updated: 0 });
    if (row?.inserted) counts.created += 1;
    else counts.updated += 1;
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
    const fresh = (await tx.select(EVENT_COLUMNS).from(accessEvents).where(where)).map(
      toDetectorEvent,
    );
    const run: DetectionRun = {
      events: fresh.length,
      people: 0,
      created: 0,
      updated: 0,
      byKind: {},
    };
    if (fresh.length > 0) {
      const settings = await loadOrgSettings(tx, orgId);
      const { contexts, vendorOf } = await loadContexts(tx, orgId);
      // A batch may span many days (a backfill): each day's events are judged against the 30
      // days before that day, which may include earlier days of the same batch.
      const byDay = new Map<number, DetectorEvent[]>();
      for (const e of fresh) {
        const day = Math.floor(e.occurredAt.getTime() / DAY_MS) * DAY_MS;
        const list = byDay.get(day);
        if (list) list.push(e);
        else byDay.set(day, [e]);
      }
      const days = [...byDay.keys()].sort((a, b) => a - b);
      const historyStart = new Date(days[0]! - BASELINE_DAYS * DAY_MS);
      const historyEnd = new Date(days.at(-1)!);
      const history = (
        await tx
          .select(EVENT_COLUMNS)
          .from(accessEvents)
          .where(
            and(
              eq(accessEvents.orgId, orgId),
              isNotNull(accessEvents.personId),
              sql`${accessEvents.occurredAt} >= ${historyStart.toISOString()}::timestamptz and ${accessEvents.occurredAt} < ${historyEnd.toISOString()}::timestamptz`,
            ),
          )
          .orderBy(accessEvents.occurredAt)
      ).map(toDetectorEvent);
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
      let from = 0;
      for (const day of days) {
        // history is sorted: advance the window's start, then take events up to this day.
        const windowStart = day - BASELINE_DAYS * DAY_MS;
        while (from < history.length && history[from]!.occurredAt.getTime() < windowStart) {
          // Events leaving the window are the latest activity before it, for dormancy.
          priorLast.set(history[from]!.personId, history[from]!.occurredAt);
          from++;
        }
        let to = from;
        while (to < history.length && history[to]!.occurredAt.getTime() < day) to++;
        const baselines = buildBaselines(history.slice(from, to), contexts, {
          windowEnd: new Date(day),
          windowDays: BASELINE_DAYS,
        });
        // Someone silent through the whole window was last seen before it (dormancy needs that).
        for (const [personId, b] of baselines)
          if (b.lastSeenAt === null) b.lastSeenAt = priorLast.get(personId) ?? null;
        found.push(
          ...runDetectors({ people: contexts, newEvents: byDay.get(day)!, baselines, org }),
        );
      }
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
