import type { ReviewDecision } from '@/server/domain/vendor-reviews/cadence';
import type { FindingStatus, ReviewStatus } from '@/server/domain/vendor-reviews/review';

export const REVIEW_KIND_LABELS: Record<string, string> = {
  onboarding: 'Onboarding',
  periodic: 'Periodic',
  offboarding: 'Offboarding',
  ad_hoc: 'Ad hoc',
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  in_progress: 'In progress',
  awaiting_decision: 'Awaiting decision',
  decided: 'Decided',
};

export const REVIEW_STATUS_BADGES: Record<ReviewStatus, string> = {
  in_progress: 'badge-brand',
  awaiting_decision: 'badge-warn',
  decided: '',
};

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
};

export const DECISION_BADGES: Record<ReviewDecision, string> = {
  approved: 'badge-ok',
  approved_with_conditions: 'badge-warn',
  rejected: 'badge-danger',
};

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  in_progress: 'Remediation under way',
  remediated: 'Remediated',
  accepted_risk: 'Risk accepted',
};

export const FINDING_STATUS_BADGES: Record<FindingStatus, string> = {
  open: 'badge-danger',
  in_progress: 'badge-warn',
  remediated: 'badge-ok',
  accepted_risk: '',
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
