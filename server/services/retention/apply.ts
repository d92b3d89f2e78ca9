import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { caseSignals, criticalSignalNotices, organizations, signals } from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';
import { withSystem, withTenant } from '@/db/tenant';
import {
  partitionDropBoundary,
  readRetention,
  retentionCutoffs,
  type RetentionCutoffs,
  type RetentionSettings,
} from '@/server/domain/retention/settings';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { snapshotSignalEvidence } from '@/server/services/signals/evidence';

export const RETENTION_ACTOR: AuditActor = { type: 'system', id: null, label: 'retention' };

/** Rows per delete statement: short transactions, so ingest and detection never wait long. */
const EVENT_BATCH = 5000;
const SIGNAL_BATCH = 1000;

export interface OrgRetentionResult {
  orgId: string;
  slug: string;
  settings: RetentionSettings;
  cutoffs: RetentionCutoffs;
  accessEvents: number;
  signals: number;
  closedCases: number;
  evidenceSnapshots: number;
}

export interface RetentionRun {
  dryRun: boolean;
  /** Month start below which whole partitions go (null: none, or a single-organization run). */
  partitionBoundary: string | null;
  partitionsDropped: string[];
  organizations: OrgRetentionResult[];
}

interface OrgRow {
  id: string;
  slug: string;
  retention: unknown;
}

const system = (orgId: string) => ({ orgId, userId: null });

async function countExpired(orgId: string, c: RetentionCutoffs) {
  return withTenant(system(orgId), async (tx) => {
    const [events] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(accessEvents)
      .where(and(eq(accessEvents.orgId, orgId), lt(accessEvents.occurredAt, c.accessEvents)));
    const [cases] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from cases
        where org_id = ${orgId} and status = 'closed' and closed_at < ${c.closedCases.toISOString()}::timestamptz`),
    );
    const [sigs] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from signals s
        where s.org_id = ${orgId} and s.window_end < ${c.signals.toISOString()}::timestamptz
          and not exists (
            select 1 from case_signals cs join cases k on k.org_id = cs.org_id and k.id = cs.case_id
            where cs.org_id = s.org_id and cs.signal_id = s.id
              and not (k.status = 'closed' and k.closed_at < ${c.closedCases.toISOString()}::timestamptz))`),
    );
    return { accessEvents: events?.n ?? 0, signals: sigs?.n ?? 0, closedCases: cases?.n ?? 0 };
  });
}

/** Signals past retention that no living case holds, a batch per transaction. */
async function deleteExpiredSignals(orgId: string, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await withTenant(system(orgId), async (tx) => {
      const ids = (
        await tx
          .select({ id: signals.id })
          .from(signals)
          .where(
            and(
              eq(signals.orgId, orgId),
              lt(signals.windowEnd, cutoff),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(caseSignals)
                  .where(and(eq(caseSignals.orgId, orgId), eq(caseSignals.signalId, signals.id))),
              ),
            ),
          )
          .limit(SIGNAL_BATCH)
      ).map((r) => r.id);
      if (ids.length === 0) return 0;
      await tx
        .delete(criticalSignalNotices)
        .where(
          and(eq(criticalSignalNotices.orgId, orgId), inArray(criticalSignalNotices.signalId, ids)),
        );
      await tx.delete(signals).where(and(eq(signals.orgId, orgId), inArray(signals.id, ids)));
      return ids.length;
    });
    deleted += n;
    if (n < SIGNAL_BATCH) return deleted;
  }
}

/** The organization's events before its cutoff that no dropped partition took, in batches. */
async function deleteExpiredEvents(orgId: string, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await withTenant(system(orgId), async (tx) => {
      const result = await tx.execute(sql`
        delete from access_events e
        using (
          select occurred_at, id from access_events
          where org_id = ${orgId} and occurred_at < ${cutoff.toISOString()}::timestamptz
          limit ${EVENT_BATCH}
        ) doomed
        where e.org_id = ${orgId} and e.occurred_at = doomed.occurred_at and e.id = doomed.id
        returning 1`);
      return rowsOf(result).length;
    });
    deleted += n;
    if (n < EVENT_BATCH) return deleted;
  }
}

async function purgeClosedCases(orgId: string, closedBefore: Date): Promise<number> {
  return withTenant(system(orgId), async (tx) => {
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select vigil_purge_closed_cases(${orgId}::uuid, ${closedBefore.toISOString()}::timestamptz) as n`,
      ),
    );
    return row?.n ?? 0;
  });
}

/** Partition drop as the owner's function; the function refuses anything under 3 months. */
async function dropPartitions(boundary: Date, dryRun: boolean, orgId: string): Promise<string[]> {
  return withTenant(system(orgId), async (tx: Tx) => {
    const [row] = rowsOf<{ dropped: string[] }>(
      await tx.execute(
        sql`select vigil_drop_event_partitions(${boundary.toISOString().slice(0, 10)}::date, ${dryRun}) as dropped`,
      ),
    );
    return row?.dropped ?? [];
  });
}

async function loadOrganizations(orgId?: string): Promise<OrgRow[]> {
  return withSystem((tx) =>
    tx
      .select({
        id: organizations.id,
        slug: organizations.slug,
        retention: organizations.retention,
      })
      .from(organizations)
      .where(orgId ? eq(organizations.id, orgId) : undefined)
      .orderBy(organizations.slug),
  );
}

/**
 * Applies every organization's retention (docs/PRIVACY.md §Retention), or one organization's with
 * `orgId`. Order matters: expired cases go first (they release their signals), then expired
 * signals, then the evidence of the signals that live on is copied onto them, and only then do
 * events go: whole monthly partitions below every organization's cutoff (a run for all
 * organizations only), then the rest of each organization's expired rows in batches. Each
 * organization gets one audit entry per run with its counts. Idempotent: a rerun finds nothing.
 */
export async function runRetention(
  opts: { orgId?: string; dryRun?: boolean; now?: Date } = {},
): Promise<RetentionRun> {
  const now = opts.now ?? new Date();
  const dryRun = opts.dryRun ?? false;
  const orgs = await loadOrganizations(opts.orgId);
  const plans = orgs.map((o) => {
    const settings = readRetention(o.retention);
    return { org: o, settings, cutoffs: retentionCutoffs(settings, now) };
  });
  const results: OrgRetentionResult[] = [];
  for (const p of plans) {
    const counts = await countExpired(p.org.id, p.cutoffs);
    results.push({
      orgId: p.org.id,
      slug: p.org.slug,
      settings: p.settings,
      cutoffs: p.cutoffs,
      ...counts,
      evidenceSnapshots: 0,
    });
  }
  // Every organization's limit must have passed a partition before it goes.
  const everyOrg = !opts.orgId && plans.length > 0;
  const boundary = everyOrg
    ? partitionDropBoundary(plans.map((p) => p.cutoffs.accessEvents))
    : null;
  if (dryRun) {
    const partitionsDropped =
      boundary && plans[0] ? await dropPartitions(boundary, true, plans[0].org.id) : [];
    return {
      dryRun,
      partitionBoundary: boundary?.toISOString() ?? null,
      partitionsDropped,
      organizations: results,
    };
  }
  for (const r of results) {
    r.closedCases = await purgeClosedCases(r.orgId, r.cutoffs.closedCases);
    r.signals = await deleteExpiredSignals(r.orgId, r.cutoffs.signals);
    r.evidenceSnapshots = await withTenant(system(r.orgId), (tx) =>
      snapshotSignalEvidence(tx, r.orgId, r.cutoffs.accessEvents),
    );
  }
  const partitionsDropped =
    boundary && plans[0] ? await dropPartitions(boundary, false, plans[0].org.id) : [];
  for (const r of results) {
    // The count taken before the drop stands: those rows are gone with their partitions.
    const left = await deleteExpiredEvents(r.orgId, r.cutoffs.accessEvents);
    r.accessEvents = Math.max(r.accessEvents, left);
    await withTenant(system(r.orgId), (tx) =>
      appendAudit(tx, {
        orgId: r.orgId,
        actor: RETENTION_ACTOR,
        action: 'retention.applied',
        entityType: 'organization',
        entityId: r.orgId,
        after: {
          settings: r.settings,
          cutoffs: r.cutoffs,
          deleted: {
            accessEvents: r.accessEvents,
            signals: r.signals,
            closedCases: r.closedCases,
          },
          evidenceSnapshots: r.evidenceSnapshots,
          partitionsDropped,
        },
        requestId: null,
        ip: null,
      }),
    );
    if (r.signals > 0 || r.closedCases > 0) await requestRiskRecompute(r.orgId);
  }
  return {
    dryRun,
    partitionBoundary: boundary?.toISOString() ?? null,
    partitionsDropped,
    organizations: results,
  };
}
