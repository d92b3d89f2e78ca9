import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  people,
  privileges,
  riskWeights,
  signals,
  vendors,
  watchlistMatches,
} from '@/db/schema';
import { SIGNAL_KINDS, type SignalKind } from '@/server/domain/detectors/types';
import { certificationSchema, vendorWarnings } from '@/server/domain/inventory/vendor';
import { INCIDENT_CANDIDATE_KINDS } from '@/server/domain/risk/incident';
import type { PersonRiskInput } from '@/server/domain/risk/person-input';
import type { VendorRiskInput } from '@/server/domain/risk/vendor-score';
import { readRiskWeights, type RiskWeights } from '@/server/domain/risk/weights';
import { signalSummary } from '@/server/domain/risk/wording';
import { strongIdentifiers } from '@/server/domain/screening/match';
import { isoDay } from '@/server/domain/time';
import {
  loadAttestationDisclosures,
  loadOverdueAttestations,
} from '@/server/services/attestations/facts';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { openFindingsByVendor } from '@/server/services/vendor-reviews/facts';

const DAY_MS = 86_400_000;
/** docs/RISK.md: records touched count over the last 30 days. */
export const RECORDS_WINDOW_DAYS = 30;
/** Signals older than this many half-lives weigh < 0.05 even at the heaviest weights. */
const SIGNAL_HORIZON_HALF_LIVES = 24;

export interface ScoredPerson {
  id: string;
  email: string;
  fullName: string;
  vendorId: string | null;
}

export interface RiskInputs {
  people: ScoredPerson[];
  personInputs: Map<string, PersonRiskInput>;
  /** Vendor facts without their people's scores (those come after people are scored). */
  vendors: (Omit<VendorRiskInput, 'people'> & { id: string; name: string })[];
}

export async function loadRiskWeights(tx: Tx, orgId: string): Promise<RiskWeights> {
  const [row] = await tx
    .select({ weights: riskWeights.weights })
    .from(riskWeights)
    .where(eq(riskWeights.orgId, orgId));
  return readRiskWeights(row?.weights);
}

const KINDS: ReadonlySet<string> = new Set(SIGNAL_KINDS);
const isKnownKind = (s: { kind: string }) => KINDS.has(s.kind);

const idList = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string' && x.length > 0)
    : typeof v === 'string'
      ? v.split(',').filter(Boolean)
      : [];

/**
 * What the stats of a candidate incident-grade signal say (docs/RISK.md §Incident-grade
 * signals): whether another person on the shared device or IP is watchlisted, whether a reused
 * identifier is on a watchlist entry, and what happened in words.
 */
function incidentFacts(
  kind: string,
  stats: Record<string, unknown> | null,
  watchlisted: ReadonlySet<string>,
  now: Date,
) {
  if (!stats) return {};
  const peers = [
    ...idList(stats.otherPeople),
    ...(Array.isArray(stats.sharedWith)
      ? stats.sharedWith.flatMap((x) =>
          x && typeof x === 'object' && typeof (x as { personId?: unknown }).personId === 'string'
            ? [(x as { personId: string }).personId]
            : [],
        )
      : []),
  ];
  return {
    watchlistedPeer: kind === 'shared_infrastructure' && peers.some((id) => watchlisted.has(id)),
    watchlistIdentity: kind === 'identity_reuse' && idList(stats.watchlistEntryIds).length > 0,
    summary: signalSummary(kind, stats, now).slice(0, 300),
  };
}

const parseCertifications = (value: unknown) => {
  const parsed = certificationSchema.array().safeParse(value);
  return parsed.success ? parsed.data : [];
};

/**
 * Everything the pure scorer needs for every person of an organization, in a fixed number of
 * set-based reads (no per-person queries): people, live signals, active grants, records touched
 * (aggregated in SQL), watchlist matches and vendor control gaps.
 */
export async function loadRiskInputs(
  tx: Tx,
  orgId: string,
  weights: RiskWeights,
  now: Date,
  /** Replaying a past day: leave out signals whose window had not ended by `now`. */
  options: { replay?: boolean } = {},
): Promise<RiskInputs> {
  const today = isoDay(now);
  const staff = await tx
    .select({
      id: people.id,
      email: people.email,
      fullName: people.fullName,
      vendorId: people.vendorId,
      identityVerifiedAt: people.identityVerifiedAt,
      backgroundCheck: people.backgroundCheckStatus,
    })
    .from(people)
    .where(eq(people.orgId, orgId))
    .orderBy(people.id);

  const vendorRows = await tx
    .select({
      id: vendors.id,
      name: vendors.name,
      tier: vendors.tier,
      status: vendors.status,
      contractEnd: vendors.contractEnd,
      nextReviewAt: vendors.nextReviewAt,
      certifications: vendors.certifications,
    })
    .from(vendors)
    .where(eq(vendors.orgId, orgId));
  const findings = await openFindingsByVendor(tx, orgId);

  const signalSince = new Date(
    now.getTime() - weights.halfLifeDays * SIGNAL_HORIZON_HALF_LIVES * DAY_MS,
  );
  const candidates = sql.join(
    INCIDENT_CANDIDATE_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const signalRows = await tx
    .select({
      id: signals.id,
      personId: signals.personId,
      kind: signals.kind,
      severity: signals.severity,
      status: signals.status,
      statusAt: signals.statusAt,
      createdAt: signals.createdAt,
      windowEnd: signals.windowEnd,
      touchedSensitive: sql<boolean>`coalesce((${signals.stats}->>'sensitiveEvents')::numeric, 0) > 0 or coalesce((${signals.stats}->>'sensitiveRecords')::numeric, 0) > 0`,
      learnedRoutine: sql<boolean>`${signals.stats} ? 'learnedRoutine'`,
      // Stats only of the kinds that can be incident-grade: they decide it and word it.
      stats: sql<Record<
        string,
        unknown
      > | null>`case when ${signals.kind} in (${candidates}) then ${signals.stats} end`,
      // access_without_grant on a system whose criticality is high or critical (docs/RISK.md
      // §Incident-grade signals); the detector names the system as the inventory does.
      restrictedSystem: sql<boolean>`case when ${signals.kind} = 'access_without_grant' then exists (
        select 1 from systems sy where sy.org_id = ${signals.orgId}
          and lower(sy.name) = lower(${signals.stats}->>'system')
          and sy.criticality in ('high', 'critical')) else false end`,
    })
    .from(signals)
    .where(
      and(
        eq(signals.orgId, orgId),
        // Every status but dismissed counts (docs/RISK.md); dismissed would score zero anyway.
        ne(signals.status, 'dismissed'),
        or(
          sql`${signals.windowEnd} >= ${signalSince.toISOString()}::timestamptz`,
          // Triaged recently: decay runs from triage for incident-grade kinds.
          sql`${signals.statusAt} >= ${signalSince.toISOString()}::timestamptz`,
          // Untriaged incidents and signals in an open case do not fade, whatever their age.
          eq(signals.status, 'escalated'),
          and(eq(signals.status, 'open'), sql`${signals.kind} in (${candidates})`),
        ),
        options.replay ? sql`${signals.windowEnd} <= ${now.toISOString()}::timestamptz` : undefined,
      ),
    );

  const grantRows = await tx
    .select({
      id: accessGrants.id,
      personId: accessGrants.personId,
      sensitivity: privileges.sensitivity,
    })
    .from(accessGrants)
    .innerJoin(
      privileges,
      and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
    )
    .where(
      and(
        eq(accessGrants.orgId, orgId),
        eq(accessGrants.status, 'active'),
        sql`(${accessGrants.expiresAt} is null or ${accessGrants.expiresAt} > ${now.toISOString()}::timestamptz)`,
      ),
    );

  // Aggregated in SQL over the person index: one row per person, never the raw events.
  const since = new Date(now.getTime() - RECORDS_WINDOW_DAYS * DAY_MS).toISOString();
  const records = rowsOf<{ person_id: string; records: string | number }>(
    await tx.execute(sql`
      select person_id, sum(record_count)::bigint as records from access_events
      where org_id = ${orgId} and person_id is not null
        and occurred_at >= ${since}::timestamptz and occurred_at <= ${now.toISOString()}::timestamptz
      group by person_id`),
  );

  const matchRows = await tx
    .select({
      id: watchlistMatches.id,
      personId: watchlistMatches.personId,
      status: watchlistMatches.status,
      matchedOn: watchlistMatches.matchedOn,
      createdAt: watchlistMatches.createdAt,
    })
    .from(watchlistMatches)
    .where(eq(watchlistMatches.orgId, orgId));
  // People with an open or confirmed match: sharing a device or IP with one is incident-grade.
  const watchlisted = new Set(
    matchRows.filter((m) => m.status !== 'false_positive').map((m) => m.personId),
  );

  const overdueAttestations = (await loadOverdueAttestations(tx, orgId, now)).map((a) => ({
    ...a,
    id: a.requestId,
  }));
  const disclosureRows = (await loadAttestationDisclosures(tx, orgId, now)).map((d) => ({
    ...d,
    id: d.requestId,
  }));

  // Vendor control gaps, decided as of today by the same rules the vendor page warns with.
  const staffCount = new Map<string, { all: number; unchecked: number }>();
  for (const p of staff) {
    if (!p.vendorId) continue;
    const c = staffCount.get(p.vendorId) ?? { all: 0, unchecked: 0 };
    c.all += 1;
    if (p.backgroundCheck !== 'clear') c.unchecked += 1;
    staffCount.set(p.vendorId, c);
  }
  const vendorFacts = vendorRows.map((v) => {
    const certifications = parseCertifications(v.certifications);
    const warnings = vendorWarnings(
      {
        status: v.status,
        contractEnd: v.contractEnd,
        certifications,
        nextReviewAt: v.nextReviewAt,
      },
      today,
    );
    const counts = staffCount.get(v.id);
    const expired = certifications.filter((c) => c.expiresOn < today).map((c) => c.name);
    return {
      id: v.id,
      name: v.name,
      tier: v.tier,
      reviewOverdue: warnings.some((w) => w.kind === 'review_overdue'),
      expiredCertifications: expired,
      contractEnded: warnings.some((w) => w.kind === 'contract_ended'),
      // Open and in-progress vendor review findings (remediated or accepted ones no longer count).
      openFindings: findings.get(v.id) ?? [],
      staffWithoutBackgroundCheck: counts && counts.all > 0 ? counts.unchecked / counts.all : 0,
    };
  });
  const vendorById = new Map(vendorFacts.map((v) => [v.id, v]));

  const group = <T extends { personId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.personId);
      if (list) list.push(r);
      else m.set(r.personId, [r]);
    }
    return m;
  };
  const signalsOf = group(signalRows);
  const grantsOf = group(grantRows);
  const matchesOf = group(matchRows);
  const overdueOf = group(overdueAttestations);
  const disclosuresOf = group(disclosureRows);
  const recordsOf = new Map(records.map((r) => [r.person_id, Number(r.records)]));

  const personInputs = new Map<string, PersonRiskInput>();
  for (const p of staff) {
    const v = p.vendorId ? vendorById.get(p.vendorId) : undefined;
    personInputs.set(p.id, {
      // A kind this scorer does not know (added by a newer detector) is skipped, not fatal.
      signals: (signalsOf.get(p.id) ?? []).filter(isKnownKind).map((s) => ({
        id: s.id,
        kind: s.kind as SignalKind,
        severity: s.severity,
        status: s.status,
        statusAt: s.statusAt,
        raisedAt: s.createdAt,
        windowEnd: s.windowEnd,
        touchedSensitive: Boolean(s.touchedSensitive),
        learnedRoutine: Boolean(s.learnedRoutine),
        ...incidentFacts(s.kind, s.stats, watchlisted, now),
        restrictedSystem: Boolean(s.restrictedSystem),
      })),
      activeGrants: (grantsOf.get(p.id) ?? []).map((g) => ({
        id: g.id,
        sensitivity: g.sensitivity,
      })),
      recentRecordsTouched: Math.max(
        0,
        Math.min(Number.MAX_SAFE_INTEGER, recordsOf.get(p.id) ?? 0),
      ),
      screening: {
        identityVerified: p.identityVerifiedAt !== null,
        backgroundCheck: p.backgroundCheck,
        watchlistMatches: (matchesOf.get(p.id) ?? []).map((m) => ({
          id: m.id,
          status: m.status,
          strongIdentifiers: strongIdentifiers(m.matchedOn),
          since: m.createdAt,
        })),
      },
      attestations: {
        overdueAntiBribery: (overdueOf.get(p.id) ?? [])
          .filter((a) => a.templateKey === 'anti_bribery')
          .map((a) => ({ id: a.id })),
        overdue: (overdueOf.get(p.id) ?? [])
          .filter((a) => a.templateKey !== 'anti_bribery')
          .map((a) => ({ id: a.id, title: a.title })),
        disclosures: (disclosuresOf.get(p.id) ?? []).map((d) => ({ id: d.id })),
      },
      vendor: v
        ? {
            id: v.id,
            name: v.name,
            tier: v.tier,
            reviewOverdue: v.reviewOverdue,
            expiredCertifications: v.expiredCertifications,
            staffWithoutBackgroundCheck: v.staffWithoutBackgroundCheck,
          }
        : undefined,
    });
  }
  return {
    people: staff.map((p) => ({
      id: p.id,
      email: p.email,
      fullName: p.fullName,
      vendorId: p.vendorId,
    })),
    personInputs,
    vendors: vendorFacts,
  };
}
