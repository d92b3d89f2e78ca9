import { and, eq, inArray } from 'drizzle-orm';
import { vendorReviewFindings, vendorReviews, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { checkReviewDecision, nextReviewDate } from '@/server/domain/vendor-reviews/cadence';
import type {
  DecideVendorReviewInput,
  ReturnVendorReviewInput,
  SaveAnswersInput,
  StartVendorReviewInput,
  SubmitVendorReviewInput,
} from '@/server/domain/vendor-reviews/inputs';
import {
  cleanAnswers,
  readQuestionSet,
  unansweredQuestions,
  type Answers,
} from '@/server/domain/vendor-reviews/questionnaire';
import {
  countSeriousOpenFindings,
  DECISION_REFUSAL_MESSAGES,
  defaultDueOn,
  OPEN_REVIEW_STATUSES,
  reviewDatesAfterDecision,
} from '@/server/domain/vendor-reviews/review';
import { loadOrgSettings } from '@/server/services/access/facts';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';
import { loadQuestions } from './questionnaire';
import { assertEditor, audit, loadReview, lockEditable, todayUtc, workedBy } from './review-access';

/** A review's life: started, answered, submitted, sent back or decided; one transaction each. */

const openReviewConflict = () =>
  new UserFacingError(
    'CONFLICT',
    'This vendor already has a review under way: finish or decide it before starting another.',
  );

/** Starts a review by hand: it snapshots the organization's questions; the starter reviews it. */
export async function startVendorReview(actor: OrgActor, f: StartVendorReviewInput) {
  assertEditor(actor);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const [vendor] = await tx
        .select({
          id: vendors.id,
          name: vendors.name,
          status: vendors.status,
          next: vendors.nextReviewAt,
        })
        .from(vendors)
        .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, f.vendorId)))
        .for('update');
      if (!vendor) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
      if (vendor.status === 'terminated')
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          `${vendor.name} is terminated; there is nothing left to review.`,
        );
      const [open] = await tx
        .select({ id: vendorReviews.id })
        .from(vendorReviews)
        .where(
          and(
            eq(vendorReviews.orgId, actor.orgId),
            eq(vendorReviews.vendorId, f.vendorId),
            inArray(vendorReviews.status, [...OPEN_REVIEW_STATUSES]),
          ),
        );
      if (open) throw openReviewConflict();
      const questions = await loadQuestions(tx, actor.orgId);
      const dueOn = f.dueOn ?? defaultDueOn(todayUtc(), vendor.next);
      const [row] = await tx
        .insert(vendorReviews)
        .values({
          orgId: actor.orgId,
          vendorId: f.vendorId,
          kind: f.kind,
          source: 'manual',
          questions,
          reviewerUserId: actor.userId,
          dueOn,
          createdBy: actor.userId,
        })
        .returning({ id: vendorReviews.id });
      await audit(tx, actor, 'vendor_review.started', 'vendor_review', row!.id, null, {
        vendorId: f.vendorId,
        vendor: vendor.name,
        kind: f.kind,
        dueOn,
        questions: questions.length,
      });
      return { id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw openReviewConflict();
    throw error;
  }
}

export async function saveReviewAnswers(actor: OrgActor, f: SaveAnswersInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await lockEditable(tx, actor, f.reviewId);
    const questions = readQuestionSet(review.questions);
    const cleaned = cleanAnswers(questions, f.answers);
    if (!cleaned.ok) throw new UserFacingError('BAD_REQUEST', cleaned.message);
    await tx
      .update(vendorReviews)
      .set({ answers: cleaned.answers, ...workedBy(review, actor.userId), updatedAt: new Date() })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
    await audit(
      tx,
      actor,
      'vendor_review.answers_saved',
      'vendor_review',
      review.id,
      { answers: review.answers },
      { answers: cleaned.answers },
    );
    return {
      answered: Object.keys(cleaned.answers).length,
      unanswered: unansweredQuestions(questions, cleaned.answers).length,
    };
  });
}

export async function submitVendorReview(actor: OrgActor, input: SubmitVendorReviewInput) {
  const { reviewId } = input;
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await lockEditable(tx, actor, reviewId);
    const missing = unansweredQuestions(
      readQuestionSet(review.questions),
      (review.answers ?? {}) as Answers,
    );
    if (missing.length > 0)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        `Answer every required question before submitting (${missing.length} left, starting with “${missing[0]!.prompt}”).`,
      );
    const now = new Date();
    await tx
      .update(vendorReviews)
      .set({
        status: 'awaiting_decision',
        submittedAt: now,
        reviewerUserId: review.reviewerUserId ?? actor.userId,
        updatedAt: now,
      })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, reviewId)));
    await audit(
      tx,
      actor,
      'vendor_review.submitted',
      'vendor_review',
      reviewId,
      { status: review.status },
      { status: 'awaiting_decision' },
    );
    return { status: 'awaiting_decision' as const };
  });
}

/** The approver sends a submitted review back for more work, with what needs changing. */
export async function returnVendorReview(actor: OrgActor, f: ReturnVendorReviewInput) {
  assertEditor(actor);
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await loadReview(tx, actor, f.reviewId, true);
    if (review.status !== 'awaiting_decision')
      throw new UserFacingError(
        'CONFLICT',
        'Only a review waiting for a decision can be sent back.',
      );
    await tx
      .update(vendorReviews)
      .set({ status: 'in_progress', submittedAt: null, updatedAt: new Date() })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
    await audit(
      tx,
      actor,
      'vendor_review.returned',
      'vendor_review',
      review.id,
      { status: review.status },
      { status: 'in_progress', reason: f.reason },
    );
    return { status: 'in_progress' as const };
  });
}

/**
 * Records the decision. The approver is neither the reviewer nor anyone who answered; in the same
 * transaction the vendor's last and next review dates move by its tier's cadence (settings).
 */
export async function decideVendorReview(actor: OrgActor, f: DecideVendorReviewInput) {
  assertEditor(actor);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const { review, vendor } = await loadReview(tx, actor, f.reviewId, true);
      if (review.status !== 'awaiting_decision')
        throw new UserFacingError(
          'CONFLICT',
          review.status === 'decided'
            ? 'This review is already decided.'
            : 'Submit the review for a decision first.',
        );
      const findings = await tx
        .select({ severity: vendorReviewFindings.severity, status: vendorReviewFindings.status })
        .from(vendorReviewFindings)
        .where(
          and(
            eq(vendorReviewFindings.orgId, actor.orgId),
            eq(vendorReviewFindings.reviewId, review.id),
          ),
        );
      const check = checkReviewDecision({
        reviewerUserId: review.reviewerUserId,
        approverUserId: actor.userId,
        answeredByUserIds: review.answeredBy,
        decision: f.decision,
        conditions: f.conditions || null,
        rationale: f.rationale || null,
        openSeriousFindings: countSeriousOpenFindings(findings),
      });
      if (!check.ok)
        throw new UserFacingError(
          check.reason === 'reviewer_cannot_approve' ? 'FORBIDDEN' : 'PRECONDITION_FAILED',
          DECISION_REFUSAL_MESSAGES[check.reason],
        );
      const now = new Date();
      const settings = await loadOrgSettings(tx, actor.orgId);
      const decidedOn = todayUtc(now);
      const dates = reviewDatesAfterDecision({
        kind: review.kind,
        decision: f.decision,
        decidedOn,
        nextByTier: todayUtc(
          nextReviewDate(
            vendor.tier,
            new Date(`${decidedOn}T00:00:00Z`),
            settings.reviewCadenceMonths,
          ),
        ),
        currentNext: vendor.nextReviewAt,
      });
      await tx
        .update(vendorReviews)
        .set({
          status: 'decided',
          decision: f.decision,
          conditions: f.conditions || null,
          rationale: f.rationale || null,
          approverUserId: actor.userId,
          completedAt: now,
          updatedAt: now,
        })
        .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
      await tx
        .update(vendors)
        .set({ ...dates, updatedAt: now })
        .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendor.id)));
      await audit(
        tx,
        actor,
        'vendor_review.decided',
        'vendor_review',
        review.id,
        { status: review.status },
        {
          status: 'decided',
          decision: f.decision,
          conditions: f.conditions || null,
          rationale: f.rationale || null,
        },
      );
      await audit(
        tx,
        actor,
        'vendor.review_dates_changed',
        'vendor',
        vendor.id,
        { lastReviewAt: vendor.lastReviewAt, nextReviewAt: vendor.nextReviewAt },
        { ...dates, reviewId: review.id, tier: vendor.tier },
      );
      await recordOutboundEvent(
        tx,
        actor.orgId,
        'review.decided',
        { type: 'vendor_review', id: review.id },
        {
          review: {
            type: 'vendor_review',
            id: review.id,
            name: `${vendor.name} ${review.kind} review`,
            url: appLink(`/vendor-reviews/${review.id}`),
          },
          decisions: [
            {
              subject: vendor.name,
              decision: f.decision,
              comment: f.conditions || f.rationale || null,
            },
          ],
          by: actor.email,
        },
      );
      return { decision: f.decision, ...dates };
    }),
  );
}
