import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { accessReviewCampaigns, accessReviewDecisions, systems, users, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { diffCampaignItems } from '@/server/domain/access-reviews/assignment';
import {
  campaignIdSchema,
  campaignScopeSchema,
  decisionRefusal,
  isUnused,
  daysSince,
  listReviewItemsSchema,
  progressOf,
  type CampaignStatus,
  type ReviewDecision,
  type ReviewerBasisStored,
  type VerificationResult,
} from '@/server/domain/access-reviews/campaign';
import type { Sensitivity } from '@/server/domain/inventory/system';
import type { RiskBand } from '@/server/domain/risk/bands';
import { canAccess, SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { tenantOf, type OrgActor } from './actor';
import { UserFacingError } from './errors';
import { rowsOf } from './sql-helpers';
import { activeMembersInRoles } from './member-directory';

const iso = (v: string | Date | null) => (v === null ? null : new Date(v));

interface ItemRow {
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

const itemColumns = sql`i.id, i.campaign_id, c.name as campaign_name, c.status as campaign_status,
  to_char(c.due_date, 'YYYY-MM-DD') as due_date, i.grant_id, i.person_id, i.person_name,
  i.person_email, i.vendor_id, i.vendor_name, i.system_id, i.system_name, i.privilege_name,
  i.sensitivity, i.starts_at, i.expires_at, i.justification, i.approver, i.grantee_user_id,
  i.reviewer_user_id, ru.email as reviewer_email, ru.name as reviewer_name, i.reviewer_basis,
  i.reviewer_note, i.status, i.decision, i.rationale, i.new_expires_at, du.email as decided_by_email,
  i.decided_at, i.remediation_executed_at, i.remediation_verified_at, i.verification_result,
  i.escalated_at, g.status as live_status, g.expires_at as live_expires_at`;

const itemFrom = sql`access_review_items i
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

function shapeItem(actor: OrgActor, r: ItemRow & Partial<RiskRow>, now: Date) {
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
    overdue:
      r.status === 'pending' &&
      r.campaign_status === 'active' &&
      r.due_date < now.toISOString().slice(0, 10),
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
export async function listReviewItems(
  actor: OrgActor,
  input: z.input<typeof listReviewItemsSchema>,
) {
  const f = listReviewItemsSchema.parse(input);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const where: SQL[] = [sql`i.org_id = ${actor.orgId}`, sql`c.status <> 'draft'`];
  if (actor.role === 'manager') where.push(sql`i.reviewer_user_id = ${actor.userId}`);
  else if (f.reviewerUserId) where.push(sql`i.reviewer_user_id = ${f.reviewerUserId}`);
  if (f.campaignId) where.push(sql`i.campaign_id = ${f.campaignId}`);
  if (f.status === 'pending') where.push(sql`i.status = 'pending' and c.status = 'active'`);
  else if (f.status === 'decided') where.push(sql`i.status = 'decided'`);
  else if (f.status === 'overdue')
    where.push(sql`i.status = 'pending' and c.status = 'active' and c.due_date < ${today}::date`);
  else if (f.status === 'unassigned')
    where.push(sql`i.status = 'pending' and c.status = 'active' and i.reviewer_user_id is null`);
  const cond = sql.join(where, sql` and `);
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = rowsOf<ItemRow & RiskRow>(
      await tx.execute(sql`select ${itemColumns}, ${riskColumns} from ${itemFrom} where ${cond}
        order by c.due_date, i.person_name, i.system_name, i.privilege_name, i.id
        limit ${f.limit + 1}`),
    );
    const [counts] = rowsOf<{ pending: number; overdue: number; decided: number }>(
      await tx.execute(sql`select
          count(*) filter (where i.status = 'pending' and c.status = 'active')::int as pending,
          count(*) filter (where i.status = 'pending' and c.status = 'active' and c.due_date < ${today}::date)::int as overdue,
          count(*) filter (where i.status = 'decided')::int as decided
        from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
        where i.org_id = ${actor.orgId} and c.status <> 'draft'
          ${actor.role === 'manager' ? sql`and i.reviewer_user_id = ${actor.userId}` : f.reviewerUserId ? sql`and i.reviewer_user_id = ${f.reviewerUserId}` : sql``}
          ${f.campaignId ? sql`and i.campaign_id = ${f.campaignId}` : sql``}`),
    );
    return {
      items: rows.slice(0, f.limit).map((r) => shapeItem(actor, r, now)),
      more: rows.length > f.limit,
      counts: counts ?? { pending: 0, overdue: 0, decided: 0 },
      linksSignals: canAccess(actor.role, SIGNAL_READERS),
    };
  });
}

/** Campaigns newest first, with progress (decided / total), overdue, unassigned and unverified. */
export async function listCampaigns(actor: OrgActor) {
  const today = new Date().toISOString().slice(0, 10);
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = rowsOf<{
      id: string;
      name: string;
      status: CampaignStatus;
      due_date: string;
      created_at: string;
      launched_at: string | null;
      completed_at: string | null;
      total: number;
      decided: number;
      overdue: number;
      unassigned: number;
      still_active: number;
    }>(
      await tx.execute(sql`
        select c.id, c.name, c.status, to_char(c.due_date, 'YYYY-MM-DD') as due_date, c.created_at,
          c.launched_at, c.completed_at,
          count(i.id)::int as total,
          count(i.id) filter (where i.status = 'decided')::int as decided,
          count(i.id) filter (where i.status = 'pending' and c.status = 'active' and c.due_date < ${today}::date)::int as overdue,
          count(i.id) filter (where i.status = 'pending' and i.reviewer_user_id is null)::int as unassigned,
          count(i.id) filter (where i.verification_result = 'still_active')::int as still_active
        from access_review_campaigns c
        left join access_review_items i on i.org_id = c.org_id and i.campaign_id = c.id
        where c.org_id = ${actor.orgId}
        group by c.org_id, c.id
        order by case c.status when 'active' then 0 when 'draft' then 1 else 2 end, c.created_at desc
        limit 200`),
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      dueDate: r.due_date,
      createdAt: new Date(r.created_at),
      launchedAt: iso(r.launched_at),
      completedAt: iso(r.completed_at),
      progress: progressOf(r.total, r.decided, r.overdue),
      unassigned: r.unassigned,
      stillActive: r.still_active,
    }));
  });
}

/**
 * One campaign: scope (with names), progress overall and by reviewer, every item, the items
 * whose revocation is still live, and what changed since the last completed campaign.
 */
export async function getCampaign(actor: OrgActor, input: z.input<typeof campaignIdSchema>) {
  const { campaignId } = campaignIdSchema.parse(input);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  return withTenant(tenantOf(actor), async (tx) => {
    const [c] = await tx
      .select()
      .from(accessReviewCampaigns)
      .where(
        and(eq(accessReviewCampaigns.orgId, actor.orgId), eq(accessReviewCampaigns.id, campaignId)),
      );
    if (!c) throw new UserFacingError('NOT_FOUND', 'No such access-review campaign here.');
    const scope = campaignScopeSchema.parse(c.scope);
    const scopeSystems =
      scope.systemIds.length === 0
        ? []
        : await tx
            .select({ id: systems.id, name: systems.name })
            .from(systems)
            .where(and(eq(systems.orgId, actor.orgId), inArray(systems.id, scope.systemIds)))
            .orderBy(asc(systems.name));
    const scopeVendors =
      scope.vendorIds.length === 0
        ? []
        : await tx
            .select({ id: vendors.id, name: vendors.name })
            .from(vendors)
            .where(and(eq(vendors.orgId, actor.orgId), inArray(vendors.id, scope.vendorIds)))
            .orderBy(asc(vendors.name));
    const rows = rowsOf<ItemRow>(
      await tx.execute(sql`select ${itemColumns} from ${itemFrom}
        where i.org_id = ${actor.orgId} and i.campaign_id = ${campaignId}
        order by i.person_name, i.system_name, i.privilege_name, i.id limit 2000`),
    );
    const items = rows.map((r) => shapeItem(actor, r, now));
    const byReviewer = new Map<
      string,
      { reviewer: string; total: number; decided: number; overdue: number }
    >();
    for (const it of items) {
      const key = it.reviewer?.id ?? 'none';
      const entry = byReviewer.get(key) ?? {
        reviewer: it.reviewer ? (it.reviewer.name ?? it.reviewer.email) : 'Needs a reviewer',
        total: 0,
        decided: 0,
        overdue: 0,
      };
      entry.total += 1;
      if (it.status === 'decided') entry.decided += 1;
      if (it.overdue) entry.overdue += 1;
      byReviewer.set(key, entry);
    }
    const decisions = await tx
      .select({
        itemId: accessReviewDecisions.itemId,
        decision: accessReviewDecisions.decision,
        rationale: accessReviewDecisions.rationale,
        newExpiresAt: accessReviewDecisions.newExpiresAt,
        decidedAt: accessReviewDecisions.decidedAt,
        decidedBy: users.email,
        remediation: accessReviewDecisions.remediation,
      })
      .from(accessReviewDecisions)
      .leftJoin(users, eq(users.id, accessReviewDecisions.decidedBy))
      .where(
        and(
          eq(accessReviewDecisions.orgId, actor.orgId),
          eq(accessReviewDecisions.campaignId, campaignId),
        ),
      )
      .orderBy(asc(accessReviewDecisions.decidedAt), asc(accessReviewDecisions.id));
    // The last completed campaign before this one, for the differential view.
    const [previous] = rowsOf<{ id: string; name: string; completed_at: string }>(
      await tx.execute(sql`select id, name, completed_at from access_review_campaigns
        where org_id = ${actor.orgId} and status = 'completed' and id <> ${campaignId}
          and launched_at < ${c.launchedAt?.toISOString() ?? now.toISOString()}::timestamptz
        order by completed_at desc limit 1`),
    );
    let diff = null;
    if (previous && c.status !== 'draft') {
      const prevItems = rowsOf<{
        person_id: string;
        privilege_id: string;
        person_name: string;
        system_name: string;
        privilege_name: string;
        decision: ReviewDecision | null;
      }>(
        await tx.execute(sql`select person_id, privilege_id, person_name, system_name, privilege_name, decision
          from access_review_items where org_id = ${actor.orgId} and campaign_id = ${previous.id}
          order by person_name, system_name, privilege_name`),
      );
      const curItems = rowsOf<{
        person_id: string;
        privilege_id: string;
        person_name: string;
        system_name: string;
        privilege_name: string;
        decision: ReviewDecision | null;
      }>(
        await tx.execute(sql`select person_id, privilege_id, person_name, system_name, privilege_name, decision
          from access_review_items where org_id = ${actor.orgId} and campaign_id = ${campaignId}
          order by person_name, system_name, privilege_name`),
      );
      const toKey = (r: (typeof prevItems)[number]) => ({
        personId: r.person_id,
        privilegeId: r.privilege_id,
        person: r.person_name,
        system: r.system_name,
        privilege: r.privilege_name,
        decision: r.decision,
      });
      const d = diffCampaignItems(prevItems.map(toKey), curItems.map(toKey));
      diff = {
        previous: {
          id: previous.id,
          name: previous.name,
          completedAt: new Date(previous.completed_at),
        },
        added: d.added,
        removed: d.removed,
        unchanged: d.unchanged,
      };
    }
    const total = items.length;
    const decided = items.filter((i) => i.status === 'decided').length;
    const overdue = items.filter((i) => i.overdue).length;
    const userIds = [c.createdBy, c.launchedBy].filter((u): u is string => u !== null);
    const names =
      userIds.length === 0
        ? []
        : await tx
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(inArray(users.id, userIds));
    const who = (id: string | null) => names.find((n) => n.id === id)?.email ?? null;
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      dueDate: c.dueDate,
      overdue: c.status === 'active' && c.dueDate < today,
      scope: { ...scope, systems: scopeSystems, vendors: scopeVendors },
      createdAt: c.createdAt,
      createdBy: who(c.createdBy),
      launchedAt: c.launchedAt,
      launchedBy: who(c.launchedBy),
      completedAt: c.completedAt,
      progress: progressOf(total, decided, overdue),
      byReviewer: [...byReviewer.values()].sort((a, b) => a.reviewer.localeCompare(b.reviewer)),
      items,
      history: decisions.map((d) => ({
        ...d,
        remediation: d.remediation as Record<string, unknown>,
      })),
      stillActive: items.filter((i) => i.remediation.result === 'still_active'),
      diff,
    };
  });
}

/** Members who may review access (reassignment targets): active admins, compliance, managers. */
export async function reviewerOptions(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    activeMembersInRoles(tx, actor.orgId, ['admin', 'compliance', 'manager']),
  );
}
