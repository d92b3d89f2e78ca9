import { and, eq, inArray, sql } from 'drizzle-orm';
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
import { OPEN_GRANT_STATUSES } from '@/server/domain/access/grant';
import {
  decisionRefusal,
  modifyRefusal,
  reassignRefusal,
  type CampaignStatus,
  type ReviewDecision,
} from '@/server/domain/access-reviews/campaign';
import type { DecideItemsInput, ReassignItemInput } from '@/server/domain/access-reviews/inputs';
import { reviewItemAssignedNotice } from '@/server/domain/notifications/access-notices';
import { revokeAccessGrantIn, shortenAccessGrantIn } from '@/server/services/access/grant-changes';
import { enqueueJob } from '@/server/services/jobs/queue';
import { appBaseUrl, thenDeliverMail } from '@/server/services/mail/outbox';
import { notify } from '@/server/services/notifications/send';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { auditCampaign, refuseUnlessRunner } from './review-changes';
import { recordReviewDecisionEvents } from './review-events';

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
export async function decideReviewItems(actor: OrgActor, f: DecideItemsInput) {
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
    await recordReviewDecisionEvents(
      tx,
      actor.orgId,
      items.map((i) => i.id),
      f.decision,
      f.rationale || null,
      actor.email,
    );
    const completed = await completeCampaignsIfDone(tx, actor, [...touched], now);
    return { decided: items.length, revoked, completed };
  });
  if (f.decision !== 'keep') {
    await requestRiskRecompute(actor.orgId);
    await requestRemediationCheck(actor.orgId);
  }
  return result;
}

/** Completes each active campaign with no pending item left (docs/PRODUCT.md §Access reviews). */
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
export async function reassignReviewItem(actor: OrgActor, f: ReassignItemInput) {
  refuseUnlessRunner(actor);
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
      await notify(
        tx,
        actor.orgId,
        reviewItemAssignedNotice({
          base: appBaseUrl(),
          campaignId: item.campaignId,
          campaignName: item.campaignName,
          itemId: item.id,
          personName: item.personName,
          privilegeName: item.privilegeName,
          systemName: item.systemName,
        }),
        { userIds: [f.reviewerUserId] },
      );
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
