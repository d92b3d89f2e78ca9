import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessReviewCampaigns } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { assignReviewer } from '@/server/domain/access-reviews/assignment';
import { campaignScopeSchema, dueDateRefusal } from '@/server/domain/access-reviews/campaign';
import type { CampaignIdInput, CreateCampaignInput } from '@/server/domain/access-reviews/inputs';
import {
  reviewAssignedNotice,
  reviewUnassignedNotice,
} from '@/server/domain/notifications/access-notices';
import type { Notice } from '@/server/domain/notifications/notice';
import { appBaseUrl, thenDeliverMail } from '@/server/services/mail/outbox';
import { notify, notifyEach } from '@/server/services/notifications/send';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { checkScopeIds, grantsInScope, scopeFrom } from './campaign-scope';
import { auditCampaign, refuseUnlessRunner } from './review-changes';

/** A draft campaign: scope and due date, launched separately (docs/PRODUCT.md §Access reviews). */
export async function createCampaign(actor: OrgActor, f: CreateCampaignInput) {
  refuseUnlessRunner(actor);
  const late = dueDateRefusal(f.dueDate, new Date());
  if (late) throw new UserFacingError('BAD_REQUEST', late);
  return withTenant(tenantOf(actor), async (tx) => {
    await checkScopeIds(tx, actor.orgId, f.scope);
    const [row] = await tx
      .insert(accessReviewCampaigns)
      .values({
        orgId: actor.orgId,
        name: f.name,
        scope: f.scope,
        dueDate: f.dueDate,
        createdBy: actor.userId,
      })
      .returning({ id: accessReviewCampaigns.id });
    await auditCampaign(tx, actor, 'access_review.campaign_created', row!.id, null, {
      name: f.name,
      scope: f.scope,
      dueDate: f.dueDate,
    });
    return { id: row!.id };
  });
}

async function lockCampaign(tx: Tx, orgId: string, campaignId: string) {
  const [row] = await tx
    .select()
    .from(accessReviewCampaigns)
    .where(and(eq(accessReviewCampaigns.orgId, orgId), eq(accessReviewCampaigns.id, campaignId)))
    .for('update');
  if (!row) throw new UserFacingError('NOT_FOUND', 'No such access-review campaign here.');
  return row;
}

/**
 * Deletes a campaign that was never launched (a draft has no items, decisions or mail, so nothing
 * else refers to it). A draft whose due date has passed can no longer be launched, so without
 * this it would stay on the list for good. Audited with what it was.
 */
export async function deleteDraftCampaign(actor: OrgActor, { campaignId }: CampaignIdInput) {
  refuseUnlessRunner(actor);
  return withTenant(tenantOf(actor), async (tx) => {
    const c = await lockCampaign(tx, actor.orgId, campaignId);
    if (c.status !== 'draft')
      throw new UserFacingError(
        'CONFLICT',
        'Only a draft can be deleted: a launched campaign is part of the record.',
      );
    await tx
      .delete(accessReviewCampaigns)
      .where(and(eq(accessReviewCampaigns.orgId, actor.orgId), eq(accessReviewCampaigns.id, c.id)));
    await auditCampaign(
      tx,
      actor,
      'access_review.campaign_deleted',
      c.id,
      { name: c.name, scope: c.scope, dueDate: c.dueDate, status: c.status },
      null,
    );
    return { id: c.id, name: c.name };
  });
}

/**
 * Launch: one transaction copies every grant in scope into items (insert … select, so the
 * snapshot is one instant), then assigns each item its reviewer by the domain rule in one
 * update. Items nobody eligible can review stay, marked "needs a reviewer", for compliance.
 */
export async function launchCampaign(actor: OrgActor, { campaignId }: CampaignIdInput) {
  refuseUnlessRunner(actor);
  return thenDeliverMail(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCampaign(tx, actor.orgId, campaignId);
      if (c.status !== 'draft')
        throw new UserFacingError('CONFLICT', 'This campaign was already launched.');
      const late = dueDateRefusal(c.dueDate, new Date());
      if (late)
        throw new UserFacingError(
          'CONFLICT',
          `${late} Delete this draft and create a new campaign.`,
        );
      const scope = campaignScopeSchema.parse(c.scope);
      const now = new Date();
      await tx.execute(sql`
        insert into access_review_items (org_id, campaign_id, grant_id, person_id, person_name,
          person_email, vendor_id, vendor_name, system_id, system_name, privilege_id, privilege_name,
          sensitivity, grant_status, starts_at, expires_at, justification, approver, grantee_user_id,
          reviewer_basis)
        select g.org_id, ${c.id}::uuid, g.id, p.id, p.full_name, p.email, v.id, v.name, s.id, s.name,
          pr.id, pr.name, pr.sensitivity, g.status, g.starts_at, g.expires_at, g.justification,
          coalesce(g.imported_approver, (
            select string_agg(u.email, ', ' order by st.seq) from approval_steps st
            join users u on u.id = st.decided_by
            where st.org_id = g.org_id and st.grant_id = g.id and st.status = 'approved')),
          p.user_id, 'fallback'
        from ${scopeFrom}
        where ${grantsInScope(actor.orgId, scope)}`);
      const facts = rowsOf<{
        id: string;
        grant_id: string;
        grantee_user_id: string | null;
        manager_user_id: string | null;
        owner_user_id: string | null;
      }>(
        await tx.execute(sql`
          select i.id, i.grant_id, i.grantee_user_id,
            (select m.user_id from people pp
               join people m on m.org_id = pp.org_id and m.id = pp.manager_id
               join memberships ms on ms.org_id = m.org_id and ms.user_id = m.user_id
                 and ms.status = 'active' and ms.role <> 'auditor'
             where pp.org_id = i.org_id and pp.id = i.person_id) as manager_user_id,
            (select s.owner_user_id from systems s
               join memberships ms on ms.org_id = s.org_id and ms.user_id = s.owner_user_id
                 and ms.status = 'active' and ms.role <> 'auditor'
             where s.org_id = i.org_id and s.id = i.system_id) as owner_user_id
          from access_review_items i where i.org_id = ${actor.orgId} and i.campaign_id = ${c.id}`),
      );
      const assigned = facts.map((f) => {
        const a = assignReviewer({
          grantId: f.grant_id,
          granteeUserId: f.grantee_user_id,
          managerUserId: f.manager_user_id,
          systemOwnerUserId: f.owner_user_id,
        });
        return 'reason' in a
          ? { id: f.id, reviewer: null, basis: 'fallback' as const, note: a.reason }
          : { id: f.id, reviewer: a.reviewerUserId, basis: a.basis, note: null };
      });
      for (let i = 0; i < assigned.length; i += 1000) {
        const chunk = assigned.slice(i, i + 1000);
        await tx.execute(sql`
          update access_review_items i set reviewer_user_id = v.reviewer::uuid,
            reviewer_basis = v.basis, reviewer_note = v.note
          from (values ${sql.join(
            chunk.map(
              (a) => sql`(${a.id}::uuid, ${a.reviewer}::text, ${a.basis}::text, ${a.note}::text)`,
            ),
            sql`, `,
          )}) as v(id, reviewer, basis, note)
          where i.org_id = ${actor.orgId} and i.id = v.id`);
      }
      const unassigned = assigned.filter((a) => a.reviewer === null).length;
      await tx
        .update(accessReviewCampaigns)
        .set({
          status: 'active',
          launchedBy: actor.userId,
          launchedAt: now,
          itemCount: assigned.length,
          updatedAt: now,
          // A campaign with nothing in scope has nothing to decide: it completes at once.
          ...(assigned.length === 0 ? { status: 'completed' as const, completedAt: now } : {}),
        })
        .where(
          and(eq(accessReviewCampaigns.orgId, actor.orgId), eq(accessReviewCampaigns.id, c.id)),
        );
      await mailReviewers(tx, actor.orgId, c.id, c.name, c.dueDate);
      if (unassigned > 0)
        await notify(
          tx,
          actor.orgId,
          reviewUnassignedNotice({
            base: appBaseUrl(),
            campaignId: c.id,
            campaignName: c.name,
            count: unassigned,
          }),
          { roles: ['compliance'] },
        );
      await auditCampaign(
        tx,
        actor,
        'access_review.campaign_launched',
        c.id,
        { status: 'draft' },
        {
          status: assigned.length === 0 ? 'completed' : 'active',
          snapshotAt: now.toISOString(),
          items: assigned.length,
          needsReviewer: unassigned,
        },
      );
      return { id: c.id, items: assigned.length, needsReviewer: unassigned };
    }),
  );
}

/** One "you have items to review" message per reviewer at launch (if they want it). */
async function mailReviewers(
  tx: Tx,
  orgId: string,
  campaignId: string,
  name: string,
  dueDate: string,
) {
  const rows = rowsOf<{ reviewer: string; n: number }>(
    await tx.execute(sql`
      select i.reviewer_user_id as reviewer, count(*)::int as n from access_review_items i
      where i.org_id = ${orgId} and i.campaign_id = ${campaignId} and i.reviewer_user_id is not null
      group by i.reviewer_user_id`),
  );
  const base = appBaseUrl();
  const notices = new Map<string, Notice>(
    rows.map((r) => [
      r.reviewer,
      reviewAssignedNotice({ base, campaignId, campaignName: name, count: r.n, dueDate }),
    ]),
  );
  await notifyEach(tx, orgId, 'review_items', notices);
}
