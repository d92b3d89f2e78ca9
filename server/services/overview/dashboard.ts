import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import { RISK_BANDS, type RiskBand } from '@/server/domain/risk/bands';
import {
  ATTESTATION_READERS,
  canAccess,
  CASE_READERS,
  RISK_READERS,
} from '@/server/domain/tenancy/roles';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { attestationCompletion } from '@/server/services/attestations/completion';
import { rowsOf } from '@/server/services/shared/sql-helpers';

const TOP = 5;

type BandCounts = Record<RiskBand, number>;
const zeroBands = () => Object.fromEntries(RISK_BANDS.map((b) => [b, 0])) as BandCounts;

interface TopPerson {
  id: string;
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
  /** Completion of the active attestation campaigns (spec/README.md "dashboards"). */
  attestations: Awaited<ReturnType<typeof attestationCompletion>> | null;
}

/**
 * The overview's risk and workload panels. Every figure comes from a pre-aggregate or a small
 * indexed table kept by the jobs (risk_band_daily, the current score tables, cases, vendors,
 * grants), never from a scan of access events (spec/README.md "dashboards").
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
      const topPeople = await q<TopPerson>(sql`
        select p.id, p.full_name as name, v.name as vendor, s.risk, s.bribery, s.compromise, s.band
        from person_risk_scores s
        join people p on p.org_id = s.org_id and p.id = s.person_id
        left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id
        where s.org_id = ${actor.orgId}
        order by s.risk desc, s.person_id limit ${TOP}`);
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
