import { sql, type SQL } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import {
  decisionRefusal,
  isUnused,
  daysSince,
  type CampaignStatus,
  type ReviewDecision,
  type ReviewerBasisStored,
  type VerificationResult,
} from '@/server/domain/access-reviews/campaign';
import type { ListReviewItemsInput } from '@/server/domain/access-reviews/inputs';
import type { Sensitivity } from '@/server/domain/inventory/system';
import type { RiskBand } from '@/server/domain/risk/bands';
import { canAccess, SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { isoDay } from '@/server/domain/time';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { afterCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { rowsOf } from '@/server/services/shared/sql-helpers';

export const iso = (v: string | Date | null) => (v === null ? null : new Date(v));

export interface ItemRow {
  id: string;
  campaign_id: string;
  campaign_name: string;
  campaign_status: CampaignStatus;
  due_date: string;
  grant_id: string;
  person_id: string;
  person_name: string;
  person_email: string | null;
  vendor_id: string | null;
  vendor_name: string | null;
  system_id: string;
  system_name: string;
  privilege_name: string;
  sensitivity: Sensitivity;
  starts_at: string | null;
  expires_at: string | null;
  justification: string;
  approver: string | null;
  grantee_user_id: string | null;
  reviewer_user_id: string | null;
  reviewer_email: string | null;
  reviewer_name: string | null;
  reviewer_basis: ReviewerBasisStored;
  reviewer_note: string | null;
  status: 'pending' | 'decided';
  decision: ReviewDecision | null;
  rationale: string | null;
  new_expires_at: string | null;
  decided_by_email: string | null;
  decided_at: string | null;
  remediation_executed_at: string | null;
  remediation_verified_at: string | null;
  verification_result: VerificationResult | null;
  escalated_at: string | null;
  live_status: string | null;
  live_expires_at: string | null;
}

interface RiskRow {
  open_signals: number;
  watchlist_open: number;
  watchlist_confirmed: number;
  contract_end: string | null;
  last_activity: string | null;
  risk_band: RiskBand | null;
}

export const itemColumns = sql`i.id, i.campaign_id, c.name as campaign_name, c.status as campaign_status,
  to_char(c.due_date, 'YYYY-MM-DD') as due_date, i.grant_id, i.person_id, i.person_name,
  i.person_email, i.vendor_id, i.vendor_name, i.system_id, i.system_name, i.privilege_name,
  i.sensitivity, i.starts_at, i.expires_at, i.justification, i.approver, i.grantee_user_id,
  i.reviewer_user_id, ru.email as reviewer_email, ru.name as reviewer_name, i.reviewer_basis,
  i.reviewer_note, i.status, i.decision, i.rationale, i.new_expires_at, du.email as decided_by_email,
  i.decided_at, i.remediation_executed_at, i.remediation_verified_at, i.verification_result,
  i.escalated_at, g.status as live_status, g.expires_at as live_expires_at`;

export const itemFrom = sql`access_review_items i
  join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
  left join users ru on ru.id = i.reviewer_user_id
  left join users du on du.id = i.decided_by
  left join access_grants g on g.org_id = i.org_id and g.id = i.grant_id`;

// Risk context, read live for the page of items shown (one index probe each): open signals,
// open or confirmed watchlist matches, the vendor's contract end, the last event on this system
// (access_events_person_idx, newest first) and the person's risk band.
const riskColumns = sql`
  (select count(*)::int from signals sg where sg.org_id = i.org_id and sg.person_id = i.person_id
     and sg.status in ('open', 'acknowledged', 'escalated')) as open_signals,
  (select count(*)::int from watchlist_matches wm where wm.org_id = i.org_id
     and wm.person_id = i.person_id and wm.status = 'open') as watchlist_open,
  (select count(*)::int from watchlist_matches wm where wm.org_id = i.org_id
     and wm.person_id = i.person_id and wm.status = 'confirmed') as watchlist_confirmed,
  (select to_char(v.contract_end, 'YYYY-MM-DD') from vendors v where v.org_id = i.org_id
     and v.id = i.vendor_id) as contract_end,
  (select e.occurred_at from access_events e where e.org_id = i.org_id
     and e.person_id = i.person_id and e.system_id = i.system_id
     order by e.occurred_at desc limit 1) as last_activity,
  (select rs.band from person_risk_scores rs where rs.org_id = i.org_id
     and rs.person_id = i.person_id) as risk_band`;

export function shapeItem(actor: OrgActor, r: ItemRow & Partial<RiskRow>, now: Date) {
  const refusal = decisionRefusal(
    actor,
    {
      campaignStatus: r.campaign_status,
      reviewerUserId: r.reviewer_user_id,
      granteeUserId: r.grantee_user_id,
      decision: r.decision,
      remediationExecuted: r.remediation_executed_at !== null,
    },
    'revoke',
  );
  const lastActivity = iso(r.last_activity ?? null);
  return {
    id: r.id,
    campaign: {
      id: r.campaign_id,
      name: r.campaign_name,
      status: r.campaign_status,
      dueDate: r.due_date,
    },
    grantId: r.grant_id,
    person: { id: r.person_id, name: r.person_name, email: r.person_email },
    vendor: r.vendor_id ? { id: r.vendor_id, name: r.vendor_name ?? '' } : null,
    system: { id: r.system_id, name: r.system_name },
    privilege: r.privilege_name,
    sensitivity: r.sensitivity,
    startsAt: iso(r.starts_at),
    expiresAt: iso(r.expires_at),
    justification: r.justification,
    approver: r.approver,
    reviewer: r.reviewer_user_id
      ? { id: r.reviewer_user_id, email: r.reviewer_email ?? '', name: r.reviewer_name }
      : null,
    reviewerBasis: r.reviewer_basis,
    reviewerNote: r.reviewer_note,
    granteeUserId: r.grantee_user_id,
    status: r.status,
    overdue: r.status === 'pending' && r.campaign_status === 'active' && r.due_date < isoDay(now),
    escalatedAt: iso(r.escalated_at),
    decision: r.decision,
    rationale: r.rationale,
    newExpiresAt: iso(r.new_expires_at),
    decidedBy: r.decided_by_email,
    decidedAt: iso(r.decided_at),
    remediation: {
      executedAt: iso(r.remediation_executed_at),
      verifiedAt: iso(r.remediation_verified_at),
      result: r.verification_result,
    },
    live: { status: r.live_status, expiresAt: iso(r.live_expires_at) },
    canDecide: refusal === null || (refusal.code === 'CONFLICT' && r.campaign_status === 'active'),
    decideRefusal: refusal?.message ?? null,
    risk:
      r.open_signals === undefined
        ? null
        : {
            openSignals: r.open_signals,
            watchlistOpen: r.watchlist_open ?? 0,
            watchlistConfirmed: r.watchlist_confirmed ?? 0,
            contractEnd: r.contract_end ?? null,
            lastActivity,
            daysSinceActivity: daysSince(lastActivity, now),
            unused: isUnused(lastActivity, now),
            band: r.risk_band ?? null,
          },
  };
}
export type ReviewItemView = ReturnType<typeof shapeItem>;

/**
 * The reviewer inbox: managers see only the items assigned to them; compliance, admins and
 * auditors see every item, filtered by campaign, status and reviewer. Each carries its risk
 * context, and whether the caller may decide it.
 */
export async function listReviewItems(actor: OrgActor, f: ListReviewItemsInput) {
  const now = new Date();
  const today = isoDay(now);
  const where: SQL[] = [sql`i.org_id = ${actor.orgId}`, sql`c.status <> 'draft'`];
  if (actor.role === 'manager') where.push(sql`i.reviewer_user_id = ${actor.userId}`);
  else if (f.reviewerUserId) where.push(sql`i.reviewer_user_id = ${f.reviewerUserId}`);
  if (f.campaignId) where.push(sql`i.campaign_id = ${f.campaignId}`);
  // "Decided" is about the running campaigns unless one campaign is chosen, so its count matches
  // the overview's "X of N decided" (which counts active campaigns) instead of every past one.
  const decidedHere = f.campaignId
    ? sql`i.status = 'decided'`
    : sql`i.status = 'decided' and c.status = 'active'`;
  if (f.status === 'pending') where.push(sql`i.status = 'pending' and c.status = 'active'`);
  else if (f.status === 'decided') where.push(decidedHere);
  else if (f.status === 'overdue')
    where.push(sql`i.status = 'pending' and c.status = 'active' and c.due_date < ${today}::date`);
  else if (f.status === 'unassigned')
    where.push(sql`i.status = 'pending' and c.status = 'active' and i.reviewer_user_id is null`);
  const keys = [
    sql`c.due_date`,
    sql`i.person_name`,
    sql`i.system_name`,
    sql`i.privilege_name`,
    sql`i.id`,
  ];
  const cursor = requireCursor(f.cursor, keys.length);
  const cond = sql.join(cursor ? [...where, afterCursor(keys, cursor)] : where, sql` and `);
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = rowsOf<ItemRow & RiskRow>(
      await tx.execute(sql`select ${itemColumns}, ${riskColumns} from ${itemFrom} where ${cond}
        order by c.due_date, i.person_name, i.system_name, i.privilege_name, i.id
        limit ${f.limit + 1}`),
    );
    const last = rows.length > f.limit ? rows[f.limit - 1] : undefined;
    const [counts] = rowsOf<{ pending: number; overdue: number; decided: number }>(
      await tx.execute(sql`select
          count(*) filter (where i.status = 'pending' and c.status = 'active')::int as pending,
          count(*) filter (where i.status = 'pending' and c.status = 'active' and c.due_date < ${today}::date)::int as overdue,
          count(*) filter (where ${decidedHere})::int as decided
        from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
        where i.org_id = ${actor.orgId} and c.status <> 'draft'
          ${actor.role === 'manager' ? sql`and i.reviewer_user_id = ${actor.userId}` : f.reviewerUserId ? sql`and i.reviewer_user_id = ${f.reviewerUserId}` : sql``}
          ${f.campaignId ? sql`and i.campaign_id = ${f.campaignId}` : sql``}`),
    );
    return {
      items: rows.slice(0, f.limit).map((r) => shapeItem(actor, r, now)),
      nextCursor: last
        ? encodeCursor([
            last.due_date,
            last.person_name,
            last.system_name,
            last.privilege_name,
            last.id,
          ])
        : null,
      counts: counts ?? { pending: 0, overdue: 0, decided: 0 },
      linksSignals: canAccess(actor.role, SIGNAL_READERS),
    };
  });
}
