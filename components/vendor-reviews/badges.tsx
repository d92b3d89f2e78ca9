import type { ReviewDecision } from '@/server/domain/vendor-reviews/cadence';
import type { FindingStatus, ReviewStatus } from '@/server/domain/vendor-reviews/review';
import {
  DECISION_BADGES,
  DECISION_LABELS,
  FINDING_STATUS_BADGES,
  FINDING_STATUS_LABELS,
  REVIEW_STATUS_BADGES,
  REVIEW_STATUS_LABELS,
} from './labels';

export function ReviewStatusBadge({
  status,
  decision,
  overdue,
}: {
  status: ReviewStatus;
  decision?: ReviewDecision | null;
  overdue?: boolean;
}) {
  return (
    <span className="row inline-row gap-4">
      {status === 'decided' && decision ? (
        <span className={`badge ${DECISION_BADGES[decision]}`} data-testid="review-decision">
          {DECISION_LABELS[decision]}
        </span>
      ) : (
        <span className={`badge ${REVIEW_STATUS_BADGES[status]}`} data-testid="review-status">
          {REVIEW_STATUS_LABELS[status]}
        </span>
      )}
      {overdue && <span className="badge badge-danger">Overdue</span>}
    </span>
  );
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  return (
    <span className={`badge ${FINDING_STATUS_BADGES[status]}`}>
      {FINDING_STATUS_LABELS[status]}
    </span>
  );
}
