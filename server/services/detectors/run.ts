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
import { DEFAULT_THRESHOLDS } from '@/server/domain/detectors/defaults';
import { runDetectors } from '@/server/domain/detectors/run';
import { SlidingBaselines } from '@/server/domain/detectors/sliding-baselines';
import type { DetectorEvent, PersonContext, Signal } from '@/server/domain/detectors/types';
import { officeMatchLists } from '@/server/domain/tenancy/office-networks';
import { loadOrgSettings } from '@/server/services/access/facts';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { recordDetectionRun } from '@/server/services/observability/record';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { findIncidentChains } from './chains';
import { forEachDetectorEvent } from './events';
import { markLearnedRoutines } from './learned-routines';
import { upsertDetectedSignals } from './signals-writer';
import { loadTicketFeed } from './tickets';

/** Bumped when a detector's logic changes, so a signal says which version found it. */
export const DETECTOR_VERSION = '2026.12.1';
const BASELINE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface DetectionRun {
  events: number;
  people: number;
  created: number;
  updated: number;
  byKind: Record<string, { created: number; updated: number }>;
  /** Earlier signals this run found to be a routine's first occurrences (§Routines). */
  routinesLearned: number;
}

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
  const started = performance.now();
  const run = await detectInTransaction(orgId, scope, actor);
  recordDetectionRun('batchId' in scope ? 'batch' : 'since', run.events, started);
  return run;
}

function detectInTransaction(
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
      routinesLearned: 0,
    };
    if (span?.first && span.last) {
      const firstDay = Math.floor(new Date(span.first).getTime() / DAY_MS) * DAY_MS;
      const lastDay = Math.floor(new Date(span.last).getTime() / DAY_MS) * DAY_MS;
      const historyStart = new Date(firstDay - BASELINE_DAYS * DAY_MS);
      const isNew =
        'batchId' in scope
          ? sql`batch_id = ${scope.batchId}::uuid`
          : sql`occurred_at >= ${scope.since.toISOString()}::timestamptz`;
      const settings = await loadOrgSettings(tx, orgId);
      const { contexts, vendorOf } = await loadContexts(tx, orgId);
      const tickets = await loadTicketFeed(tx, orgId, where!);
      // Last activity before the history, for dormancy (one index probe per person).
      const lastSeen = rowsOf<{ person_id: string; last: string }>(
        await tx.execute(sql`
          select person_id, max(occurred_at) as last from access_events
          where org_id = ${orgId} and person_id is not null and occurred_at < ${historyStart.toISOString()}::timestamptz
          group by person_id`),
      );
      const priorLast = new Map(lastSeen.map((r) => [r.person_id, new Date(r.last)]));
      // Logs that start after the history's first day (a source connected mid-window).
      const sourcesSince = new Map<string, number>();
      const sourcesSeen = new Set<string>();
      const knownProxyIps = new Set<string>();
      const org = {
        highRiskCountries: settings.highRiskCountries,
        workingHours: settings.workingHours,
        // Office egress (docs/DETECTORS.md §Office networks), normalized when the setting was saved.
        ...officeMatchLists(settings.officeNetworks),
        // Given here rather than derived by runDetectors each day, so the resolved org (and its
        // compiled matchers) is built once per run.
        governedSystems: [...new Set(contexts.flatMap((p) => p.grants.map((g) => g.system)))],
        ...(tickets ? { tickets } : {}),
        sourcesSince,
        knownProxyIps,
      };
      const found: Signal[] = [];
      const seenPeople = new Set<string>();
      // The 30-day window slides forward day by day: each event enters and leaves it once
      // (SlidingBaselines), rather than every day's baselines being rebuilt from 30 days. Events
      // arrive in time order and are judged a day at a time as the read streams, so only one
      // day's events are ever held whole (a backfill may span many days; each day is judged
      // against the 30 days before it, which may include earlier days of the same batch).
      const window = new SlidingBaselines(contexts);
      let day = Number.NaN;
      let dayEvents: DetectorEvent[] = [];
      let dayNew: DetectorEvent[] = [];
      const judgeDay = () => {
        if (dayNew.length > 0) {
          window.removeBefore(day - BASELINE_DAYS * DAY_MS);
          const judged = new Set<string>();
          for (const e of dayNew) judged.add(e.personId);
          const baselines = window.snapshot(new Date(day), BASELINE_DAYS, judged);
          // Someone silent through the whole window was last seen before it (dormancy needs that).
          for (const [personId, b] of baselines)
            if (b.lastSeenAt === null)
              b.lastSeenAt = window.lastAddedAt(personId) ?? priorLast.get(personId) ?? null;
          for (const s of runDetectors({ people: contexts, newEvents: dayNew, baselines, org }))
            found.push(s);
        }
        // Today's events (new or not) are history for the days after it, and the last day's
        // for the routines learned below.
        for (const e of dayEvents) window.add(e);
        dayEvents = [];
        dayNew = [];
      };
      await forEachDetectorEvent(
        tx,
        { orgId, from: historyStart, to: new Date(lastDay + DAY_MS), isNew },
        (e, fresh) => {
          const eventDay = Math.floor(e.occurredAt.getTime() / DAY_MS) * DAY_MS;
          if (eventDay !== day) {
            if (!Number.isNaN(day)) judgeDay();
            day = eventDay;
          }
          dayEvents.push(e);
          if (e.isProxy && e.ip) knownProxyIps.add(e.ip);
          if (e.source && !sourcesSeen.has(e.source)) {
            sourcesSeen.add(e.source);
            const t = e.occurredAt.getTime();
            if (t >= historyStart.getTime() + DAY_MS) sourcesSince.set(e.source, t);
          }
          if (!fresh) return;
          dayNew.push(e);
          run.events += 1;
          seenPeople.add(e.personId);
        },
      );
      if (!Number.isNaN(day)) judgeDay();
      run.people = seenPeople.size;
      run.byKind = await upsertDetectedSignals(tx, orgId, found, vendorOf, DETECTOR_VERSION);
      // Chains join what was just written with parts stored by earlier batches (§Chains).
      const chains = await findIncidentChains(
        tx,
        orgId,
        found,
        DEFAULT_THRESHOLDS.maxEvidenceEvents,
      );
      if (chains.length > 0)
        Object.assign(
          run.byKind,
          await upsertDetectedSignals(tx, orgId, chains, vendorOf, DETECTOR_VERSION),
        );
      // Early occurrences of a routine the baseline now shows, this run's signals included
      // (docs/DETECTORS.md §Routines).
      window.removeBefore(lastDay + DAY_MS - BASELINE_DAYS * DAY_MS);
      run.routinesLearned = await markLearnedRoutines(
        tx,
        orgId,
        window.snapshot(new Date(lastDay + DAY_MS), BASELINE_DAYS),
        contexts.filter((p) => seenPeople.has(p.id)),
        org,
        new Date(lastDay + DAY_MS),
      );
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
