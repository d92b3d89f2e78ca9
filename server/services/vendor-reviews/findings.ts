import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, users, vendorReviewFindings, vendorReviews } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { AddFindingInput, UpdateFindingInput } from '@/server/domain/vendor-reviews/inputs';
import { findingEditRefusal, isFindingOpen } from '@/server/domain/vendor-reviews/review';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { assertEditor, audit, loadReview } from './review-access';

async function checkFindingOwner(tx: Tx, orgId: string, userId: string | null) {
  if (!userId) return null;
  const [m] = await tx
    .select({ status: memberships.status, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m || m.status !== 'active')
    throw new UserFacingError(
      'BAD_REQUEST',
      'A finding is owned by an active member of this organization.',
    );
  return m.email;
}

export async function addReviewFinding(actor: OrgActor, f: AddFindingInput) {
  assertEditor(actor);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const { review } = await loadReview(tx, actor, f.reviewId, true);
      const refusal = findingEditRefusal(review.status, true);
      if (refusal) throw new UserFacingError('CONFLICT', refusal);
      const owner = await checkFindingOwner(tx, actor.orgId, f.ownerUserId);
      const [row] = await tx
        .insert(vendorReviewFindings)
        .values({
          orgId: actor.orgId,
          reviewId: review.id,
          vendorId: review.vendorId,
          title: f.title,
          severity: f.severity,
          remediation: f.remediation,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          createdBy: actor.userId,
        })
        .returning({ id: vendorReviewFindings.id });
      await audit(
        tx,
        actor,
        'vendor_review.finding_added',
        'vendor_review_finding',
        row!.id,
        null,
        {
          reviewId: review.id,
          vendorId: review.vendorId,
          title: f.title,
          severity: f.severity,
          remediation: f.remediation,
          owner,
          dueOn: f.dueOn,
          status: 'open',
        },
      );
      return { id: row!.id };
    }),
  );
}

/**
 * Moves a finding's remediation along (or re-assigns it), which works after the review is
 * decided too; corrects its title, severity or remediation while the review is still open.
 */
export async function updateReviewFinding(actor: OrgActor, f: UpdateFindingInput) {
  assertEditor(actor);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const [before] = await tx
        .select()
        .from(vendorReviewFindings)
        .where(
          and(
            eq(vendorReviewFindings.orgId, actor.orgId),
            eq(vendorReviewFindings.id, f.findingId),
          ),
        )
        .for('update');
      if (!before) throw new UserFacingError('NOT_FOUND', 'No such finding in this organization.');
      const terms = {
        title: f.title ?? before.title,
        severity: f.severity ?? before.severity,
        remediation: f.remediation ?? before.remediation,
      };
      const termsChanged =
        terms.title !== before.title ||
        terms.severity !== before.severity ||
        terms.remediation !== before.remediation;
      if (
        !termsChanged &&
        before.status === f.status &&
        before.ownerUserId === f.ownerUserId &&
        before.dueOn === f.dueOn &&
        !f.note
      )
        throw new UserFacingError('CONFLICT', 'Nothing changed.');
      if (termsChanged) {
        // The decision was taken on what the findings said then (open high or critical findings
        // block a plain approval), so a decided review's findings keep their terms.
        const [review] = await tx
          .select({ status: vendorReviews.status })
          .from(vendorReviews)
          .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, before.reviewId)));
        if (review?.status === 'decided')
          throw new UserFacingError(
            'CONFLICT',
            'This review is decided: its findings keep their title, severity and remediation. Record what changed in the note, or start an ad-hoc review.',
          );
      }
      await checkFindingOwner(tx, actor.orgId, f.ownerUserId);
      const now = new Date();
      const resolved = !isFindingOpen(f.status);
      await tx
        .update(vendorReviewFindings)
        .set({
          ...terms,
          status: f.status,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          statusNote: f.note || before.statusNote,
          resolvedAt: resolved ? (before.resolvedAt ?? now) : null,
          updatedAt: now,
        })
        .where(
          and(eq(vendorReviewFindings.orgId, actor.orgId), eq(vendorReviewFindings.id, before.id)),
        );
      await audit(
        tx,
        actor,
        'vendor_review.finding_updated',
        'vendor_review_finding',
        before.id,
        {
          title: before.title,
          severity: before.severity,
          remediation: before.remediation,
          status: before.status,
          ownerUserId: before.ownerUserId,
          dueOn: before.dueOn,
        },
        {
          ...terms,
          status: f.status,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          note: f.note || null,
        },
      );
      return { status: f.status };
    }),
  );
}
