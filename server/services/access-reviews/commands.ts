import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  accessReviewCampaigns,
  accessReviewDecisions,
  accessReviewItems,
  memberships,
  users,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { assignReviewer } from '@/server/domain/access-reviews/assignment';
import {
  campaignIdSchema,
  campaignScopeSchema,
  createCampaignSchema,
  decideItemsSchema,
  decisionRefusal,
  dueDateRefusal,
  modifyRefusal,
  reassignItemSchema,
  reassignRefusal,
  sensitivityRank,
  type CampaignScope,
  type CampaignStatus,
  type ReviewDecision,
} from '@/server/domain/access-reviews/campaign';
import { OPEN_GRANT_STATUSES } from '@/server/domain/access/grant';
import { canAccess, CAMPAIGN_RUNNERS } from '@/server/domain/tenancy/roles';
import { revokeAccessGrantIn, shortenAccessGrantIn } from '@/server/services/access/grant-changes';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { auditMemberChange } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { enqueueJob } from '@/server/services/jobs/queue';
import {
  appBaseUrl,
  queueMail,
  queueMailToRoles,
  thenDeliverMail,
} from '@/server/services/mail/outbox';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { rowsOf } from '@/server/services/shared/sql-helpers';

async function auditCampaign(
  tx: Tx,
  actor: OrgActor,
  action: string,
  entityId: string,
  before: unknown,
  after: unknown,
  entityType = 'access_review_campaign',
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType,
    entityId,
    before,
    after,
  });
}

function refuseUnlessRunner(actor: OrgActor) {
  if (!canAccess(actor.role, CAMPAIGN_RUNNERS))
    throw new UserFacingError('FORBIDDEN', 'Compliance officers and admins run access reviews.');
}

/**
 * The live grants a scope covers (aliases g = access_grants, p = people, pr = privileges):
 * held grants (approved or active), on the chosen systems, of the chosen vendors' people, at or
 * above the minimum sensitivity. Empty lists mean every system / everyone.
 */
export function grantsInScope(orgId: string, scope: CampaignScope): SQL {
  const parts: SQL[] = [
    sql`g.org_id = ${orgId}`,
    sql`g.status in ('approved', 'active')`,
    sql`array_position(array['low','medium','high','critical']::text[], pr.sensitivity) >= ${sensitivityRank(scope.minSensitivity) + 1}`,
  ];
  if (scope.systemIds.length > 0)
    parts.push(
      sql`g.system_id in (${sql.join(
        scope.systemIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (scope.vendorIds.length > 0)
    parts.push(
      sql`p.vendor_id in (${sql.join(
        scope.vendorIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  return sql.join(parts, sql` and `);
}

const scopeFrom = sql`access_grants g
  join people p on p.org_id = g.org_id and p.id = g.person_id
  join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
  join systems s on s.org_id = g.org_id and s.id = g.system_id
  left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id`;

/** How many grants a scope covers now (the create form's live count). */
export async function countGrantsInScope(
  actor: OrgActor,
  input: z.input<typeof campaignScopeSchema>,
) {
  refuseUnlessRunner(actor);
  const scope = campaignScopeSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = rowsOf<{ grants: number; people: number }>(
      await tx.execute(sql`select count(*)::int as grants, count(distinct g.person_id)::int as people
        from ${scopeFrom} where ${grantsInScope(actor.orgId, scope)}`),
    );
    return { grants: row?.grants ?? 0, people: row?.people ?? 0 };
  });
}

/** A draft campaign: scope and due date, launched separately (spec/domain.md). */
export async function createCampaign(actor: OrgActor, input: z.input<typeof createCampaignSchema>) {
  refuseUnlessRunner(actor);
  const f = createCampaignSchema.parse(input);
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

async function checkScopeIds(tx: Tx, orgId: string, scope: CampaignScope) {
  const count = async (table: string, ids: string[]) => {
    if (ids.length === 0) return 0;
    const [r] = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId} and id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
    return r?.n ?? 0;
  };
  const systemIds = [...new Set(scope.systemIds)];
  const vendorIds = [...new Set(scope.vendorIds)];
  if ((await count('systems', systemIds)) !== systemIds.length)
    throw new UserFacingError('NOT_FOUND', 'One or more of those systems do not exist here.');
  if ((await count('vendors', vendorIds)) !== vendorIds.length)
    throw new UserFacingError('NOT_FOUND', 'One or more of those vendors do not exist here.');
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
export async function deleteDraftCampaign(
  actor: OrgActor,
  input: z.input<typeof campaignIdSchema>,
) {
  refuseUnlessRunner(actor);
  const { campaignId } = campaignIdSchema.parse(input);
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
export async function launchCampaign(actor: OrgActor, input: z.input<typeof campaignIdSchema>) {
  refuseUnlessRunner(actor);
  const { campaignId } = campaignIdSchema.parse(input);
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
        await queueMailToRoles(tx, actor.orgId, ['compliance'], {
          subject: `Access review "${c.name}": ${unassigned} item${unassigned === 1 ? '' : 's'} need a reviewer`,
          body: `Nobody eligible could review ${unassigned} item${unassigned === 1 ? '' : 's'} (no manager with a login, no system owner, or only the grantee). Assign a reviewer:\n\n${appBaseUrl()}/reviews/campaigns/${c.id}\n`,
          category: 'access_review.unassigned',
          relatedType: 'access_review_campaign',
          relatedId: c.id,
        });
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

/** One "you have items to review" message per reviewer at launch. */
async function mailReviewers(
  tx: Tx,
  orgId: string,
  campaignId: string,
  name: string,
  dueDate: string,
) {
  const rows = rowsOf<{ email: string; n: number }>(
    await tx.execute(sql`
      select u.email, count(*)::int as n from access_review_items i
      join users u on u.id = i.reviewer_user_id
      where i.org_id = ${orgId} and i.campaign_id = ${campaignId}
      group by u.email order by u.email`),
  );
  for (const r of rows)
    await queueMail(tx, orgId, {
      to: r.email,
      subject: `Access review "${name}": ${r.n} item${r.n === 1 ? '' : 's'} to certify by ${dueDate}`,
      body: `You are the reviewer of ${r.n} access grant${r.n === 1 ? '' : 's'} in the campaign "${name}". Keep, revoke or shorten each by ${dueDate}:\n\n${appBaseUrl()}/reviews?campaignId=${campaignId}\n`,
      category: 'access_review.assigned',
      relatedType: 'access_review_campaign',
      relatedId: campaignId,
    });
}

interface LockedItem {
  id: string;
  campaignId: string;
  campaignName: string;
  campaignStatus: CampaignStatus;
  grantId: string;
  personName: string;
  systemName: string;
  privilegeName: string;
  granteeUserId: string | null;
  reviewerUserId: string | null;
  decision: ReviewDecision | null;
  rationale: string | null;
  remediationExecutedAt: Date | null;
}

async function lockItems(tx: Tx, orgId: string, itemIds: string[]): Promise<LockedItem[]> {
  return tx
    .select({
      id: accessReviewItems.id,
      campaignId: accessReviewItems.campaignId,
      campaignName: accessReviewCampaigns.name,
      campaignStatus: accessReviewCampaigns.status,
      grantId: accessReviewItems.grantId,
      personName: accessReviewItems.personName,
      systemName: accessReviewItems.systemName,
      privilegeName: accessReviewItems.privilegeName,
      granteeUserId: accessReviewItems.granteeUserId,
      reviewerUserId: accessReviewItems.reviewerUserId,
      decision: accessReviewItems.decision,
      rationale: accessReviewItems.rationale,
      remediationExecutedAt: accessReviewItems.remediationExecutedAt,
    })
    .from(accessReviewItems)
    .innerJoin(
      accessReviewCampaigns,
      and(
        eq(accessReviewCampaigns.orgId, accessReviewItems.orgId),
        eq(accessReviewCampaigns.id, accessReviewItems.campaignId),
      ),
    )
    .where(and(eq(accessReviewItems.orgId, orgId), inArray(accessReviewItems.id, itemIds)))
    .orderBy(accessReviewItems.id)
    .for('update', { of: accessReviewItems });
}

/**
 * Decides many items at once with one rationale, all or nothing. `revoke` runs the access
 * service's revocation and `modify` shortens the grant, both in this transaction, and records
 * when; a verification job re-reads the live grants soon after. Every decision is appended to
 * the history; a campaign whose last item is decided completes.
 */
export async function decideReviewItems(actor: OrgActor, input: z.input<typeof decideItemsSchema>) {
  const f = decideItemsSchema.parse(input);
  const itemIds = [...new Set(f.itemIds)];
  const result = await withTenant(tenantOf(actor), async (tx) => {
    const items = await lockItems(tx, actor.orgId, itemIds);
    if (items.length !== itemIds.length)
      throw new UserFacingError(
        'NOT_FOUND',
        'One or more of those review items do not exist here.',
      );
    for (const item of items) {
      const refusal = decisionRefusal(
        actor,
        {
          campaignStatus: item.campaignStatus,
          reviewerUserId: item.reviewerUserId,
          granteeUserId: item.granteeUserId,
          decision: item.decision,
          remediationExecuted: item.remediationExecutedAt !== null,
        },
        f.decision,
      );
      if (refusal)
        throw new UserFacingError(
          refusal.code,
          items.length > 1
            ? `${item.personName} · ${item.systemName} ${item.privilegeName}: ${refusal.message}`
            : refusal.message,
        );
    }
    const now = new Date();
    const newEnd = f.expiresOn ? new Date(`${f.expiresOn}T00:00:00.000Z`) : null;
    const grants = await tx
      .select({
        id: accessGrants.id,
        status: accessGrants.status,
        expiresAt: accessGrants.expiresAt,
      })
      .from(accessGrants)
      .where(
        and(
          eq(accessGrants.orgId, actor.orgId),
          inArray(
            accessGrants.id,
            items.map((i) => i.grantId),
          ),
        ),
      );
    const live = new Map(grants.map((g) => [g.id, g]));
    if (f.decision === 'modify' && newEnd)
      for (const item of items) {
        const g = live.get(item.grantId);
        if (!g || !(OPEN_GRANT_STATUSES as readonly string[]).includes(g.status))
          throw new UserFacingError(
            'CONFLICT',
            `${item.personName}'s ${item.privilegeName} access has already ended; keep or revoke it instead.`,
          );
        const refusal = modifyRefusal(f.expiresOn!, g.expiresAt, now);
        if (refusal) throw new UserFacingError('BAD_REQUEST', refusal);
      }
    const touched = new Set<string>();
    let revoked = 0;
    for (const item of items) {
      touched.add(item.campaignId);
      const reason = `Access review "${item.campaignName}": ${f.rationale || 'kept'}`;
      let remediation: Record<string, unknown> = {};
      let executedAt: Date | null = null;
      const g = live.get(item.grantId);
      if (f.decision === 'revoke') {
        if (item.decision === 'revoke' && item.remediationExecutedAt) {
          remediation = { skipped: 'already revoked by the earlier decision' };
          executedAt = item.remediationExecutedAt;
        } else if (g && (OPEN_GRANT_STATUSES as readonly string[]).includes(g.status)) {
          const r = await revokeAccessGrantIn(
            tx,
            actor,
            { grantId: item.grantId, reason },
            { reviewAssigned: true },
          );
          remediation = { action: 'revoked', from: r.fromStatus, status: r.status };
          executedAt = now;
          revoked += 1;
        } else {
          remediation = { action: 'already_ended', status: g?.status ?? 'missing' };
          executedAt = now;
        }
      } else if (f.decision === 'modify' && newEnd) {
        const r = await shortenAccessGrantIn(tx, actor, {
          grantId: item.grantId,
          expiresAt: newEnd,
          reason,
        });
        remediation = {
          action: 'shortened',
          from: r.fromExpiresAt?.toISOString() ?? null,
          to: newEnd.toISOString(),
        };
        executedAt = now;
      }
      await tx
        .update(accessReviewItems)
        .set({
          status: 'decided',
          decision: f.decision,
          rationale: f.rationale || null,
          newExpiresAt: f.decision === 'modify' ? newEnd : null,
          decidedBy: actor.userId,
          decidedAt: now,
          remediationExecutedAt: executedAt,
          remediationVerifiedAt: null,
          verificationResult: null,
          verificationCheckedAt: null,
        })
        .where(and(eq(accessReviewItems.orgId, actor.orgId), eq(accessReviewItems.id, item.id)));
      await tx.insert(accessReviewDecisions).values({
        orgId: actor.orgId,
        campaignId: item.campaignId,
        itemId: item.id,
        decision: f.decision,
        rationale: f.rationale,
        newExpiresAt: f.decision === 'modify' ? newEnd : null,
        decidedBy: actor.userId,
        decidedAt: now,
        remediation,
      });
      await auditCampaign(
        tx,
        actor,
        'access_review.item_decided',
        item.id,
        { decision: item.decision, rationale: item.rationale },
        {
          decision: f.decision,
          rationale: f.rationale,
          grantId: item.grantId,
          expiresOn: f.expiresOn ?? null,
          remediation,
        },
        'access_review_item',
      );
    }
    const completed = await completeCampaignsIfDone(tx, actor, [...touched], now);
    return { decided: items.length, revoked, completed };
  });
  if (f.decision !== 'keep') {
    await requestRiskRecompute(actor.orgId);
    await requestRemediationCheck(actor.orgId);
  }
  return result;
}

/** Completes each active campaign with no pending item left (spec/domain.md). */
async function completeCampaignsIfDone(
  tx: Tx,
  actor: OrgActor,
  campaignIds: string[],
  now: Date,
): Promise<string[]> {
  if (campaignIds.length === 0) return [];
  const done = await tx
    .update(accessReviewCampaigns)
    .set({ status: 'completed', completedAt: now, updatedAt: now })
    .where(
      and(
        eq(accessReviewCampaigns.orgId, actor.orgId),
        inArray(accessReviewCampaigns.id, campaignIds),
        eq(accessReviewCampaigns.status, 'active'),
        sql`not exists (select 1 from access_review_items i where i.org_id = ${accessReviewCampaigns.orgId} and i.campaign_id = ${accessReviewCampaigns.id} and i.status = 'pending')`,
      ),
    )
    .returning({ id: accessReviewCampaigns.id });
  for (const c of done)
    await auditCampaign(
      tx,
      actor,
      'access_review.campaign_completed',
      c.id,
      { status: 'active' },
      { status: 'completed', completedAt: now.toISOString() },
    );
  return done.map((c) => c.id);
}

/** Re-reads the live grants of executed remediations a few seconds after they commit. */
export async function requestRemediationCheck(orgId: string, now = Date.now()) {
  const window = Math.floor(now / 10_000) + 1;
  return enqueueJob(
    'access_review.verify_org',
    { orgId },
    { dedupeKey: `access_review.verify_org:${orgId}:${window}`, runAt: new Date(window * 10_000) },
  );
}

/** Hands an item to another reviewer (never the grantee), audited. */
export async function reassignReviewItem(
  actor: OrgActor,
  input: z.input<typeof reassignItemSchema>,
) {
  refuseUnlessRunner(actor);
  const f = reassignItemSchema.parse(input);
  return thenDeliverMail(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const [item] = await lockItems(tx, actor.orgId, [f.itemId]);
      if (!item) throw new UserFacingError('NOT_FOUND', 'No such review item here.');
      const [member] = await tx
        .select({
          userId: memberships.userId,
          role: memberships.role,
          status: memberships.status,
          email: users.email,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, f.reviewerUserId)));
      const refusal = reassignRefusal(
        item.campaignStatus,
        item.granteeUserId,
        member
          ? { userId: member.userId, role: member.role, active: member.status === 'active' }
          : null,
      );
      if (refusal)
        throw new UserFacingError(
          item.campaignStatus === 'active' ? 'BAD_REQUEST' : 'CONFLICT',
          refusal,
        );
      if (item.reviewerUserId === f.reviewerUserId)
        throw new UserFacingError('CONFLICT', 'The item is already assigned to that reviewer.');
      await tx
        .update(accessReviewItems)
        .set({
          reviewerUserId: f.reviewerUserId,
          reviewerBasis: 'reassigned',
          reviewerNote: null,
          remindedAt: null,
        })
        .where(and(eq(accessReviewItems.orgId, actor.orgId), eq(accessReviewItems.id, item.id)));
      const [from] = item.reviewerUserId
        ? await tx
            .select({ email: users.email })
            .from(users)
            .where(eq(users.id, item.reviewerUserId))
        : [];
      await queueMail(tx, actor.orgId, {
        to: member!.email,
        subject: `Access review "${item.campaignName}": an item was assigned to you`,
        body: `${item.personName}'s ${item.privilegeName} access on ${item.systemName} is yours to review:\n\n${appBaseUrl()}/reviews?campaignId=${item.campaignId}\n`,
        category: 'access_review.assigned',
        relatedType: 'access_review_item',
        relatedId: item.id,
      });
      await auditCampaign(
        tx,
        actor,
        'access_review.item_reassigned',
        item.id,
        { reviewer: from?.email ?? null },
        { reviewer: member!.email },
        'access_review_item',
      );
      return { reviewer: member!.email };
    }),
  );
}
