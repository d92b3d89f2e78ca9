import { and, desc, eq, gt, gte, isNull, or, sql } from 'drizzle-orm';
import { apiKeys, auditLog, memberships, signalDailyCounts } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { SignalsOverTimeInput } from '@/server/domain/overview/inputs';
import { RISK_BANDS, type RiskBand } from '@/server/domain/risk/bands';
import {
  ATTESTATION_READERS,
  AUDIT_READERS,
  canAccess,
  CASE_READERS,
  RISK_READERS,
  ROLES,
  type Role,
} from '@/server/domain/tenancy/roles';
import { isoDay } from '@/server/domain/time';
import { attestationCompletion } from '@/server/services/attestations/completion';
import { subjectsFor } from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/** The tenant's headline figures; activity is included only for roles that may read the audit log. */
export async function getOverview(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const roleRows = await tx
      .select({ role: memberships.role, n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.status, 'active')))
      .groupBy(memberships.role);
    const membersByRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
    for (const row of roleRows) membersByRole[row.role] = row.n;
    const [keys] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.orgId, actor.orgId),
          isNull(apiKeys.revokedAt),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, new Date())),
        ),
      );
    const canReadAudit = canAccess(actor.role, AUDIT_READERS);
    const [auditStats] = await tx
      .select({
        n: sql<number>`count(*)::int`,
        signInsToday: sql<number>`count(*) filter (where ${auditLog.action} = 'auth.sign_in' and ${auditLog.occurredAt} > now() - interval '24 hours')::int`,
        failedToday: sql<number>`count(*) filter (where ${auditLog.action} = 'auth.sign_in_failed' and ${auditLog.occurredAt} > now() - interval '24 hours')::int`,
      })
      .from(auditLog)
      .where(eq(auditLog.orgId, actor.orgId));
    const recent = canReadAudit
      ? await tx
          .select({
            seq: auditLog.seq,
            occurredAt: auditLog.occurredAt,
            actorLabel: auditLog.actorLabel,
            action: auditLog.action,
            entityType: auditLog.entityType,
          })
          .from(auditLog)
          .where(eq(auditLog.orgId, actor.orgId))
          .orderBy(desc(auditLog.seq))
          .limit(8)
      : [];
    return {
      membersByRole,
      activeMembers: roleRows.reduce((s, r) => s + r.n, 0),
      activeApiKeys: keys?.n ?? 0,
      audit: canReadAudit
        ? {
            entries: auditStats?.n ?? 0,
            signInsToday: auditStats?.signInsToday ?? 0,
            failedSignInsToday: auditStats?.failedToday ?? 0,
            recent,
          }
        : null,
    };
  });
}

const TOP = 5;

type BandCounts = Record<RiskBand, number>;
const zeroBands = () => Object.fromEntries(RISK_BANDS.map((b) => [b, 0])) as BandCounts;

interface TopPerson {
  /** Null where the member sees the person by pseudonym (docs/PRIVACY.md). */
  id: string | null;
  name: string;
  vendor: string | null;
  risk: number;
  bribery: number;
  compromise: number;
  band: RiskBand;
}

export interface OverviewDashboard {
  risk: {
    /** The day of the latest band snapshot, or null before the first recompute. */
    day: string | null;
    people: BandCounts;
    vendors: BandCounts;
    topPeople: TopPerson[];
    topVendors: { id: string; name: string; risk: number; band: RiskBand }[];
  } | null;
  cases: { open: number; bySeverity: Record<string, number> } | null;
  overdue: {
    vendorReviews: number;
    endedContracts: number;
    grantsExpiringSoon: number;
    openWatchlistMatches: number;
    pendingRequests: number;
  } | null;
  /** Running access-review campaigns (a manager: only the items assigned to them). */
  accessReviews: {
    id: string;
    name: string;
    dueDate: string;
    total: number;
    decided: number;
    overdue: number;
  }[];
  /** Completion of the active attestation campaigns (docs/PRODUCT.md §Dashboards). */
  attestations: Awaited<ReturnType<typeof attestationCompletion>> | null;
}

/**
 * The overview's risk and workload panels. Every figure comes from a pre-aggregate or a small
 * indexed table kept by the jobs (risk_band_daily, the current score tables, cases, vendors,
 * grants), never from a scan of access events (docs/PRODUCT.md §Dashboards).
 */
export async function overviewDashboard(actor: OrgActor): Promise<OverviewDashboard> {
  const readsRisk = canAccess(actor.role, RISK_READERS);
  const readsCases = canAccess(actor.role, CASE_READERS);
  return withTenant(tenantOf(actor), async (tx) => {
    const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await tx.execute(query));
    let risk: OverviewDashboard['risk'] = null;
    if (readsRisk) {
      const bands = await q<{
        day: string;
        subject_type: string;
        band: RiskBand;
        count: number;
      }>(sql`
        select to_char(day, 'YYYY-MM-DD') as day, subject_type, band, count from risk_band_daily
        where org_id = ${actor.orgId}
          and day = (select max(day) from risk_band_daily where org_id = ${actor.orgId})`);
      const people = zeroBands();
      const vendors = zeroBands();
      for (const b of bands) (b.subject_type === 'vendor' ? vendors : people)[b.band] = b.count;
      const ranked = await q<TopPerson & { id: string }>(sql`
        select p.id, p.full_name as name, v.name as vendor, s.risk, s.bribery, s.compromise, s.band
        from person_risk_scores s
        join people p on p.org_id = s.org_id and p.id = s.person_id
        left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id
        where s.org_id = ${actor.orgId}
        order by s.risk desc, s.person_id limit ${TOP}`);
      // A ranking: by pseudonym where the member sees pseudonyms (docs/PRIVACY.md).
      const shownAs = await subjectsFor(
        tx,
        actor,
        ranked.map((p) => ({ id: p.id, fullName: p.name })),
      );
      const topPeople = ranked.map((p) => {
        const subject = shownAs({ id: p.id, fullName: p.name });
        return { ...p, id: subject.id, name: subject.fullName };
      });
      const topVendors = await q<{ id: string; name: string; risk: number; band: RiskBand }>(sql`
        select v.id, v.name, s.risk, s.band from vendor_risk_scores s
        join vendors v on v.org_id = s.org_id and v.id = s.vendor_id
        where s.org_id = ${actor.orgId}
        order by s.risk desc, s.vendor_id limit ${TOP}`);
      risk = { day: bands[0]?.day ?? null, people, vendors, topPeople, topVendors };
    }
    let cases: OverviewDashboard['cases'] = null;
    if (readsCases) {
      const rows = await q<{ severity: string; n: number }>(sql`
        select severity, count(*)::int as n from cases
        where org_id = ${actor.orgId} and status <> 'closed' group by severity`);
      cases = {
        open: rows.reduce((s, r) => s + r.n, 0),
        bySeverity: Object.fromEntries(rows.map((r) => [r.severity, r.n])),
      };
    }
    let overdue: OverviewDashboard['overdue'] = null;
    if (readsRisk) {
      const [row] = await q<NonNullable<OverviewDashboard['overdue']>>(sql`
        select
          (select count(*)::int from vendors where org_id = ${actor.orgId}
             and status not in ('prospect', 'terminated') and next_review_at < current_date) as "vendorReviews",
          (select count(*)::int from vendors where org_id = ${actor.orgId}
             and status = 'active' and contract_end < current_date) as "endedContracts",
          (select count(*)::int from access_grants where org_id = ${actor.orgId}
             and status = 'active' and expires_at < now() + interval '7 days') as "grantsExpiringSoon",
          (select count(*)::int from watchlist_matches where org_id = ${actor.orgId}
             and status = 'open') as "openWatchlistMatches",
          (select count(*)::int from access_grants where org_id = ${actor.orgId}
             and status = 'pending') as "pendingRequests"`);
      overdue = row ?? null;
    }
    // Small: items of active campaigns only, on the (org, campaign, status) index.
    const mine = actor.role === 'manager' ? sql`and i.reviewer_user_id = ${actor.userId}` : sql``;
    const accessReviews = await q<OverviewDashboard['accessReviews'][number]>(sql`
      select c.id, c.name, to_char(c.due_date, 'YYYY-MM-DD') as "dueDate",
        count(i.id)::int as total,
        count(i.id) filter (where i.status = 'decided')::int as decided,
        count(i.id) filter (where i.status = 'pending' and c.due_date < current_date)::int as overdue
      from access_review_campaigns c
      join access_review_items i on i.org_id = c.org_id and i.campaign_id = c.id ${mine}
      where c.org_id = ${actor.orgId} and c.status = 'active'
      group by c.org_id, c.id order by c.due_date, c.name limit 5`);
    const attestations = canAccess(actor.role, ATTESTATION_READERS)
      ? await attestationCompletion(tx, actor.orgId)
      : null;
    return { risk, cases, overdue, accessReviews, attestations };
  });
}

export interface SignalsOverTime {
  from: string;
  to: string;
  /** Kinds present in the period, most signals first. */
  kinds: string[];
  /** One entry per day (oldest first), with a count per kind (absent kinds are 0). */
  days: { day: string; total: number; byKind: Record<string, number> }[];
}

/** Signals per day and kind over the last N days (UTC), from the pre-aggregate. */
export async function signalsOverTime(
  actor: OrgActor,
  { days }: SignalsOverTimeInput,
): Promise<SignalsOverTime> {
  const today = new Date();
  const to = isoDay(today);
  const from = isoDay(new Date(today.getTime() - (days - 1) * 86_400_000));
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        day: signalDailyCounts.day,
        kind: signalDailyCounts.kind,
        n: sql<number>`sum(${signalDailyCounts.signals})::int`,
      })
      .from(signalDailyCounts)
      .where(and(eq(signalDailyCounts.orgId, actor.orgId), gte(signalDailyCounts.day, from)))
      .groupBy(signalDailyCounts.day, signalDailyCounts.kind),
  );
  const totals = new Map<string, number>();
  const byDay = new Map<string, Record<string, number>>();
  for (const r of rows) {
    if (r.day > to) continue;
    totals.set(r.kind, (totals.get(r.kind) ?? 0) + r.n);
    const d = byDay.get(r.day) ?? {};
    d[r.kind] = r.n;
    byDay.set(r.day, d);
  }
  const series: SignalsOverTime['days'] = [];
  for (let i = 0; i < days; i++) {
    const day = isoDay(new Date(Date.parse(from) + i * 86_400_000));
    const byKind = byDay.get(day) ?? {};
    series.push({ day, total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind });
  }
  return {
    from,
    to,
    kinds: [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k),
    days: series,
  };
}
