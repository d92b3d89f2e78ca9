import type { VendorTier } from '../inventory/vendor';

/**
 * Vendor review rules (docs/PRODUCT.md §Vendor reviews): the next review falls a tier's cadence
 * after the last one completed, an approver other than the reviewer decides, and a review is
 * overdue once its date has passed.
 */
export const REVIEW_KINDS = ['onboarding', 'periodic', 'offboarding', 'ad_hoc'] as const;
export const REVIEW_DECISIONS = ['approved', 'approved_with_conditions', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Calendar months after `from`, clamped to the month's last day (31 Jan + 1 month = 28 Feb). */
export function addMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(from.getUTCDate(), lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}

export function nextReviewDate(
  tier: VendorTier,
  completedAt: Date,
  cadenceMonths: Record<VendorTier, number>,
): Date {
  return addMonths(completedAt, cadenceMonths[tier]);
}

export function isReviewOverdue(nextReviewAt: Date | null, now: Date): boolean {
  return nextReviewAt !== null && nextReviewAt.getTime() < now.getTime();
}

export type DecisionRefusal =
  'reviewer_cannot_approve' | 'conditions_required' | 'rationale_required' | 'findings_open';

/**
 * Whether `approverUserId` may record `decision` on a review done by `reviewerUserId` (and
 * answered by `answeredByUserIds`). Approval with conditions must state them, a rejection its
 * rationale; a plain approval with open high or critical findings must carry them as conditions.
 */
export function checkReviewDecision(input: {
  reviewerUserId: string | null;
  approverUserId: string;
  answeredByUserIds?: readonly string[];
  decision: ReviewDecision;
  conditions: string | null;
  rationale?: string | null;
  openSeriousFindings: number;
}): { ok: true } | { ok: false; reason: DecisionRefusal } {
  if (
    input.reviewerUserId === input.approverUserId ||
    (input.answeredByUserIds ?? []).includes(input.approverUserId)
  )
    return { ok: false, reason: 'reviewer_cannot_approve' };
  if (input.decision === 'rejected' && !input.rationale?.trim())
    return { ok: false, reason: 'rationale_required' };
  if (input.decision === 'approved_with_conditions' && !input.conditions?.trim())
    return { ok: false, reason: 'conditions_required' };
  if (input.decision === 'approved' && input.openSeriousFindings > 0)
    return { ok: false, reason: 'findings_open' };
  return { ok: true };
}
