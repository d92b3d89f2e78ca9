import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { vendorReviews, vendors } from '@/db/schema';
import { isoDay } from '@/server/domain/time';
import { REVIEW_EDITING_ROLES, reviewEditRefusal } from '@/server/domain/vendor-reviews/review';
import { auditMemberChange } from '@/server/services/audit/log';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

/**
 * What every vendor review read and change shares: who may see which reviews, who may change
 * them, loading one (locked for a change), and the audit entry a change writes.
 */

export const todayUtc = (now = new Date()) => isoDay(now);

/**
 * Managers read the reviews of vendors they own, nothing else (docs/PRODUCT.md §Managers' scope);
 * everyone else in the organization reads them all.
 */
export function vendorScope(actor: OrgActor, vendorIdColumn: SQL | typeof vendorReviews.vendorId) {
  if (actor.role !== 'manager') return undefined;
  return sql`exists (select 1 from vendors sv where sv.org_id = ${actor.orgId} and sv.id = ${vendorIdColumn} and sv.owner_user_id = ${actor.userId})`;
}

export function assertEditor(actor: OrgActor) {
  if (!REVIEW_EDITING_ROLES.includes(actor.role))
    throw new UserFacingError(
      'FORBIDDEN',
      'Only compliance officers and admins run vendor reviews.',
    );
}

export async function audit(
  tx: Tx,
  actor: OrgActor,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType,
    entityId,
    before,
    after,
  });
}

export async function loadReview(tx: Tx, actor: OrgActor, reviewId: string, lock = false) {
  const q = tx
    .select({
      review: vendorReviews,
      vendor: {
        id: vendors.id,
        name: vendors.name,
        tier: vendors.tier,
        status: vendors.status,
        lastReviewAt: vendors.lastReviewAt,
        nextReviewAt: vendors.nextReviewAt,
        ownerUserId: vendors.ownerUserId,
      },
    })
    .from(vendorReviews)
    .innerJoin(
      vendors,
      and(eq(vendors.orgId, vendorReviews.orgId), eq(vendors.id, vendorReviews.vendorId)),
    )
    .where(
      and(
        eq(vendorReviews.orgId, actor.orgId),
        eq(vendorReviews.id, reviewId),
        vendorScope(actor, vendorReviews.vendorId),
      ),
    );
  const [row] = lock ? await q.for('update', { of: vendorReviews }) : await q;
  if (!row) throw new UserFacingError('NOT_FOUND', 'No such vendor review in this organization.');
  return row;
}

/** Locks an open review for a change to its questionnaire or attachments. */
export async function lockEditable(tx: Tx, actor: OrgActor, reviewId: string) {
  assertEditor(actor);
  const row = await loadReview(tx, actor, reviewId, true);
  const refusal = reviewEditRefusal(row.review.status);
  if (refusal) throw new UserFacingError('CONFLICT', refusal);
  return row;
}

/** Marks the actor as having worked on the review; a scheduled review's first worker reviews it. */
export function workedBy(
  review: { reviewerUserId: string | null; answeredBy: string[] },
  userId: string,
) {
  return {
    reviewerUserId: review.reviewerUserId ?? userId,
    answeredBy: review.answeredBy.includes(userId)
      ? review.answeredBy
      : [...review.answeredBy, userId],
  };
}
