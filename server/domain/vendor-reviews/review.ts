import type { VendorStatus } from '../inventory/vendor';
import { VENDOR_REVIEWERS, type Role } from '../tenancy/roles';
import { isoDay } from '../time';
import type { DecisionRefusal, ReviewDecision } from './cadence';

/** A review moves in_progress → awaiting_decision → decided; the approver may send it back. */
export const REVIEW_STATUSES = ['in_progress', 'awaiting_decision', 'decided'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const OPEN_REVIEW_STATUSES = ['in_progress', 'awaiting_decision'] as const;

export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['open', 'in_progress', 'remediated', 'accepted_risk'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** Findings still to act on: they feed vendor risk and block a plain approval when serious. */
export const OPEN_FINDING_STATUSES = ['open', 'in_progress'] as const;

export const REVIEW_SOURCES = ['manual', 'schedule'] as const;

export function isFindingOpen(status: FindingStatus): boolean {
  return (OPEN_FINDING_STATUSES as readonly string[]).includes(status);
}

/** High and critical open findings: a plain approval must carry them as conditions (cadence.ts). */
export function countSeriousOpenFindings(
  findings: readonly { severity: FindingSeverity; status: FindingStatus }[],
): number {
  return findings.filter(
    (f) => isFindingOpen(f.status) && (f.severity === 'high' || f.severity === 'critical'),
  ).length;
}

/** Who may change vendor reviews; auditors and managers read (managers their own vendors). */
export const REVIEW_EDITING_ROLES: readonly Role[] = VENDOR_REVIEWERS;

/** Why a review's questionnaire, evidence or findings cannot change now, or null. */
export function reviewEditRefusal(status: ReviewStatus): string | null {
  if (status === 'awaiting_decision')
    return 'The review is waiting for a decision; the approver can send it back for changes.';
  if (status === 'decided') return 'The review is decided; start a new review to change anything.';
  return null;
}

/** Findings stay workable after the decision: remediation outlives the review. */
export function findingEditRefusal(status: ReviewStatus, adding: boolean): string | null {
  if (adding && status === 'decided')
    return 'The review is decided; record new findings on a new review.';
  return null;
}

export const DECISION_REFUSAL_MESSAGES: Record<DecisionRefusal, string> = {
  reviewer_cannot_approve:
    'You reviewed or answered this review, so someone else must decide it (reviewer ≠ approver).',
  conditions_required: 'Approving with conditions needs the conditions written down.',
  rationale_required: 'A rejection needs its rationale.',
  findings_open:
    'Open high or critical findings remain: approve with conditions that cover them, or remediate them first.',
};

/**
 * Whether a decision moves the vendor's review dates: offboarding reviews end the cycle (no next
 * review), and a rejection leaves the date where it was, so an overdue vendor stays overdue and
 * the access gate keeps refusing until a review approves it.
 */
export function reviewDatesAfterDecision(input: {
  kind: 'onboarding' | 'periodic' | 'offboarding' | 'ad_hoc';
  decision: ReviewDecision;
  decidedOn: string;
  nextByTier: string;
  currentNext: string | null;
}): { lastReviewAt: string; nextReviewAt: string | null } {
  if (input.kind === 'offboarding') return { lastReviewAt: input.decidedOn, nextReviewAt: null };
  if (input.decision === 'rejected')
    return { lastReviewAt: input.decidedOn, nextReviewAt: input.currentNext };
  return { lastReviewAt: input.decidedOn, nextReviewAt: input.nextByTier };
}

/** Vendors that get periodic reviews on schedule (docs/PRODUCT.md §Vendor reviews). */
export const SCHEDULED_VENDOR_STATUSES: readonly VendorStatus[] = ['onboarding', 'active'];

/**
 * A vendor that is onboarding or active but was never reviewed owes its first review from the
 * day that is noticed (docs/PRODUCT.md §Vendor reviews): its next review date becomes that day,
 * so the schedule opens an onboarding review, the vendor list shows the date, and once it has
 * passed the vendor counts as overdue like any other. Null when the vendor owes nothing new.
 */
export function firstReviewDueOn(
  v: { status: VendorStatus; lastReviewAt: string | null; nextReviewAt: string | null },
  today: string,
): string | null {
  return SCHEDULED_VENDOR_STATUSES.includes(v.status) &&
    v.lastReviewAt === null &&
    v.nextReviewAt === null
    ? today
    : null;
}

/** Days ahead of the next review date the scheduler opens the periodic review. */
export const SCHEDULE_WINDOW_DAYS = 30;

/**
 * Vendors the scheduler opens a periodic review for today: live, with a next review date within
 * the window (or past), and no review open. Dates are YYYY-MM-DD.
 */
export function vendorsDueForReview<
  V extends {
    id: string;
    status: VendorStatus;
    nextReviewAt: string | null;
    hasOpenReview: boolean;
  },
>(vendors: readonly V[], today: string, windowDays = SCHEDULE_WINDOW_DAYS): V[] {
  const horizon = addDays(today, windowDays);
  return vendors.filter(
    (v) =>
      SCHEDULED_VENDOR_STATUSES.includes(v.status) &&
      v.nextReviewAt !== null &&
      v.nextReviewAt <= horizon &&
      !v.hasOpenReview,
  );
}

/** An open review is overdue once its due date has passed. */
export function isReviewPastDue(
  review: { status: ReviewStatus; dueOn: string | null },
  today: string,
): boolean {
  return review.status !== 'decided' && review.dueOn !== null && review.dueOn < today;
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** A review started by hand is due in 30 days unless the vendor's date is sooner. */
export function defaultDueOn(today: string, vendorNext: string | null): string {
  const inMonth = addDays(today, 30);
  return vendorNext !== null && vendorNext < inMonth ? vendorNext : inMonth;
}
