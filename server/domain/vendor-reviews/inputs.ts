import { z } from 'zod';
import { REVIEW_DECISIONS, REVIEW_KINDS } from './cadence';
import { answersSchema, questionSetSchema } from './questionnaire';
import { FINDING_SEVERITIES, FINDING_STATUSES, REVIEW_STATUSES } from './review';

const day = z.iso.date('Use a date (YYYY-MM-DD)');

export const reviewIdSchema = z.object({ reviewId: z.uuid() });

export const listVendorReviewsSchema = z.object({
  // `open`: in progress or awaiting a decision; `all`: every status.
  status: z.enum([...REVIEW_STATUSES, 'open', 'all']).default('open'),
  kind: z.enum(REVIEW_KINDS).optional(),
  vendorId: z.uuid().optional(),
  /** Open reviews past their due date. */
  overdue: z.boolean().optional(),
  limit: z.number().int().min(1).max(200).default(100),
  /** Where the previous page ended (keyset), from `nextCursor`. */
  cursor: z.string().max(2000).optional(),
});

export const startVendorReviewSchema = z.object({
  vendorId: z.uuid('Choose a vendor'),
  kind: z.enum(REVIEW_KINDS, 'Choose the kind of review'),
  dueOn: day.optional(),
});

export const saveAnswersSchema = z.object({
  reviewId: z.uuid(),
  answers: answersSchema,
});

export const submitVendorReviewSchema = reviewIdSchema;

export const returnVendorReviewSchema = z.object({
  reviewId: z.uuid(),
  reason: z.string().trim().min(5, 'Say what needs changing (at least 5 characters)').max(2000),
});

export const decideVendorReviewSchema = z
  .object({
    reviewId: z.uuid(),
    decision: z.enum(REVIEW_DECISIONS, 'Choose a decision'),
    conditions: z.string().trim().max(5000, 'Conditions stop at 5000 characters').default(''),
    rationale: z.string().trim().max(5000, 'The rationale stops at 5000 characters').default(''),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'approved_with_conditions' && d.conditions.length < 5)
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'Write the conditions the vendor must meet (at least 5 characters)',
      });
    if (d.decision === 'rejected' && d.rationale.length < 5)
      ctx.addIssue({
        code: 'custom',
        path: ['rationale'],
        message: 'Explain the rejection (at least 5 characters)',
      });
  });

const findingTitle = z
  .string()
  .trim()
  .min(3, 'Give the finding a title')
  .max(200, 'Title is too long');
const findingSeverity = z.enum(FINDING_SEVERITIES, 'Choose a severity');
const findingRemediation = z
  .string()
  .trim()
  .min(5, 'Describe the remediation task (at least 5 characters)')
  .max(5000);

export const addFindingSchema = z.object({
  reviewId: z.uuid(),
  title: findingTitle,
  severity: findingSeverity,
  remediation: findingRemediation,
  ownerUserId: z.uuid().nullable().default(null),
  dueOn: day.nullable().default(null),
});

export const updateFindingSchema = z
  .object({
    findingId: z.uuid(),
    status: z.enum(FINDING_STATUSES, 'Choose a status'),
    ownerUserId: z.uuid().nullable(),
    dueOn: day.nullable(),
    note: z.string().trim().max(2000).default(''),
    /** What the finding says: correctable until the review is decided (left out: unchanged). */
    title: findingTitle.optional(),
    severity: findingSeverity.optional(),
    remediation: findingRemediation.optional(),
  })
  .refine((f) => f.status !== 'accepted_risk' || f.note.length >= 5, {
    path: ['note'],
    message: 'Accepting a risk needs the reason (at least 5 characters)',
  });

export const vendorReviewSummarySchema = z.object({ vendorId: z.uuid() });

export const updateQuestionnaireSchema = z.object({ questions: questionSetSchema });

/** A vendor review's attached file (the download route's `evidenceId`). */
export const attachmentIdSchema = z.object({ attachmentId: z.uuid() });

export type ReviewIdInput = z.output<typeof reviewIdSchema>;
export type ListVendorReviewsInput = z.output<typeof listVendorReviewsSchema>;
export type StartVendorReviewInput = z.output<typeof startVendorReviewSchema>;
export type SaveAnswersInput = z.output<typeof saveAnswersSchema>;
export type SubmitVendorReviewInput = z.output<typeof submitVendorReviewSchema>;
export type ReturnVendorReviewInput = z.output<typeof returnVendorReviewSchema>;
export type DecideVendorReviewInput = z.output<typeof decideVendorReviewSchema>;
export type AddFindingInput = z.output<typeof addFindingSchema>;
export type UpdateFindingInput = z.output<typeof updateFindingSchema>;
export type VendorReviewSummaryInput = z.output<typeof vendorReviewSummarySchema>;
export type UpdateQuestionnaireInput = z.output<typeof updateQuestionnaireSchema>;
export type AttachmentIdInput = z.output<typeof attachmentIdSchema>;
