import {
  QUESTIONNAIRE_READERS,
  VENDOR_REVIEW_READERS,
  VENDOR_REVIEWERS,
} from '@/server/domain/tenancy/roles';
import {
  addFindingSchema,
  decideVendorReviewSchema,
  listVendorReviewsSchema,
  returnVendorReviewSchema,
  reviewIdSchema,
  saveAnswersSchema,
  startVendorReviewSchema,
  submitVendorReviewSchema,
  updateFindingSchema,
  updateQuestionnaireSchema,
  vendorReviewSummarySchema,
} from '@/server/domain/vendor-reviews/inputs';
import { addReviewFinding, updateReviewFinding } from '@/server/services/vendor-reviews/findings';
import {
  getReviewQuestionnaire,
  updateReviewQuestionnaire,
} from '@/server/services/vendor-reviews/questionnaire';
import {
  decideVendorReview,
  returnVendorReview,
  saveReviewAnswers,
  startVendorReview,
  submitVendorReview,
} from '@/server/services/vendor-reviews/review-commands';
import {
  getVendorReview,
  listVendorReviews,
  vendorReviewCounts,
  vendorReviewSummary,
} from '@/server/services/vendor-reviews/review-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const vendorReviewsRouter = createRouter({
  list: orgProcedure(VENDOR_REVIEW_READERS)
    .input(listVendorReviewsSchema)
    .query(({ ctx, input }) => listVendorReviews(ctx.actor, input)),
  counts: orgProcedure(VENDOR_REVIEW_READERS).query(({ ctx }) => vendorReviewCounts(ctx.actor)),
  get: orgProcedure(VENDOR_REVIEW_READERS)
    .input(reviewIdSchema)
    .query(({ ctx, input }) => getVendorReview(ctx.actor, input)),
  forVendor: orgProcedure(VENDOR_REVIEW_READERS)
    .input(vendorReviewSummarySchema)
    .query(({ ctx, input }) => vendorReviewSummary(ctx.actor, input)),
  questionnaire: orgProcedure(QUESTIONNAIRE_READERS).query(({ ctx }) =>
    getReviewQuestionnaire(ctx.actor),
  ),
  updateQuestionnaire: orgProcedure(VENDOR_REVIEWERS)
    .input(updateQuestionnaireSchema)
    .mutation(({ ctx, input }) => updateReviewQuestionnaire(ctx.actor, input)),
  start: orgProcedure(VENDOR_REVIEWERS)
    .input(startVendorReviewSchema)
    .mutation(({ ctx, input }) => startVendorReview(ctx.actor, input)),
  saveAnswers: orgProcedure(VENDOR_REVIEWERS)
    .input(saveAnswersSchema)
    .mutation(({ ctx, input }) => saveReviewAnswers(ctx.actor, input)),
  submit: orgProcedure(VENDOR_REVIEWERS)
    .input(submitVendorReviewSchema)
    .mutation(({ ctx, input }) => submitVendorReview(ctx.actor, input)),
  sendBack: orgProcedure(VENDOR_REVIEWERS)
    .input(returnVendorReviewSchema)
    .mutation(({ ctx, input }) => returnVendorReview(ctx.actor, input)),
  decide: orgProcedure(VENDOR_REVIEWERS)
    .input(decideVendorReviewSchema)
    .mutation(({ ctx, input }) => decideVendorReview(ctx.actor, input)),
  addFinding: orgProcedure(VENDOR_REVIEWERS)
    .input(addFindingSchema)
    .mutation(({ ctx, input }) => addReviewFinding(ctx.actor, input)),
  updateFinding: orgProcedure(VENDOR_REVIEWERS)
    .input(updateFindingSchema)
    .mutation(({ ctx, input }) => updateReviewFinding(ctx.actor, input)),
});
