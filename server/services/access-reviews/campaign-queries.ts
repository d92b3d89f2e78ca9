import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { accessReviewCampaigns, systems, users, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { diffCampaignItems } from '@/server/domain/access-reviews/assignment';
import {
  CAMPAIGN_HISTORY_SHOWN,
  campaignScopeSchema,
  progressOf,
  type CampaignStatus,
  type ReviewDecision,
} from '@/server/domain/access-reviews/campaign';
import type { CampaignPageInput } from '@/server/domain/access-reviews/inputs';
import { isoDay } from '@/server/domain/time';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { encodeCursor, requireCursor, afterCursor } from '@/server/services/shared/keyset';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { activeMembersInRoles } from '@/server/services/tenancy/member-directory';
import { iso, itemColumns, itemFrom, shapeItem, type ItemRow } from './item-queries';

/** Campaigns newest first, with progress (decided / total), overdue, unassigned and unverified. */
export async function listCampaigns(actor: OrgActor) {
  const today = isoDay(new Date());
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
 * One campaign: scope (with names), progress overall and by reviewer (counted in SQL over every
 * item), a page of its items, the items whose revocation is still live, the newest decisions,
 * and what changed since the last completed campaign.
 */
export async function getCampaign(
  actor: OrgActor,
  { campaignId, cursor: cursorText, limit }: CampaignPageInput,
) {
  const now = new Date();
  const today = isoDay(now);
  const pageKeys = [sql`i.person_name`, sql`i.system_name`, sql`i.privilege_name`, sql`i.id`];
  const cursor = requireCursor(cursorText, pageKeys.length);
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
    const ofCampaign = sql`i.org_id = ${actor.orgId} and i.campaign_id = ${campaignId}`;
    const overdueItem = sql`i.status = 'pending' and c.status = 'active' and c.due_date < ${today}::date`;
    const rows = rowsOf<ItemRow>(
      await tx.execute(sql`select ${itemColumns} from ${itemFrom}
        where ${ofCampaign} ${cursor ? sql`and ${afterCursor(pageKeys, cursor)}` : sql``}
        order by i.person_name, i.system_name, i.privilege_name, i.id
        limit ${limit + 1}`),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const items = page.map((r) => shapeItem(actor, r, now));
    const reviewerRows = rowsOf<{
      reviewer: string | null;
      total: number;
      decided: number;
      overdue: number;
      unassigned: number;
    }>(
      await tx.execute(sql`select coalesce(ru.name, ru.email) as reviewer, count(*)::int as total,
          count(*) filter (where i.status = 'decided')::int as decided,
          count(*) filter (where ${overdueItem})::int as overdue,
          count(*) filter (where i.status = 'pending' and i.reviewer_user_id is null)::int as unassigned
        from access_review_items i
          join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
          left join users ru on ru.id = i.reviewer_user_id
        where ${ofCampaign}
        group by i.reviewer_user_id, ru.name, ru.email`),
    );
    const byReviewer = reviewerRows.map((r) => ({
      reviewer: r.reviewer ?? 'Needs a reviewer',
      total: r.total,
      decided: r.decided,
      overdue: r.overdue,
    }));
    const sum = (f: (r: (typeof reviewerRows)[number]) => number) =>
      reviewerRows.reduce((n, r) => n + f(r), 0);
    const stillActive = rowsOf<ItemRow>(
      await tx.execute(sql`select ${itemColumns} from ${itemFrom}
        where ${ofCampaign} and i.verification_result = 'still_active'
        order by i.person_name, i.system_name, i.privilege_name, i.id limit 200`),
    ).map((r) => shapeItem(actor, r, now));
    const decisions = rowsOf<{
      item_id: string;
      decision: ReviewDecision;
      rationale: string | null;
      new_expires_at: string | null;
      decided_at: string;
      decided_by: string | null;
      remediation: Record<string, unknown>;
      item_label: string;
    }>(
      await tx.execute(sql`select d.item_id, d.decision, d.rationale, d.new_expires_at, d.decided_at,
          u.email as decided_by, d.remediation,
          i.person_name || ' · ' || i.system_name || ' ' || i.privilege_name as item_label
        from access_review_decisions d
          join access_review_items i on i.org_id = d.org_id and i.id = d.item_id
          left join users u on u.id = d.decided_by
        where d.org_id = ${actor.orgId} and d.campaign_id = ${campaignId}
        order by d.decided_at desc, d.id desc limit ${CAMPAIGN_HISTORY_SHOWN + 1}`),
    );
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
      progress: progressOf(
        sum((r) => r.total),
        sum((r) => r.decided),
        sum((r) => r.overdue),
      ),
      unassigned: sum((r) => r.unassigned),
      byReviewer: byReviewer.sort((a, b) => a.reviewer.localeCompare(b.reviewer)),
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([last.person_name, last.system_name, last.privilege_name, last.id])
          : null,
      history: decisions.slice(0, CAMPAIGN_HISTORY_SHOWN).map((d) => ({
        itemId: d.item_id,
        item: d.item_label,
        decision: d.decision,
        rationale: d.rationale,
        newExpiresAt: iso(d.new_expires_at),
        decidedAt: new Date(d.decided_at),
        decidedBy: d.decided_by,
        remediation: d.remediation,
      })),
      moreHistory: decisions.length > CAMPAIGN_HISTORY_SHOWN,
      stillActive,
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
