import { formatDate } from '@/components/ui/format';
import type {
  CampaignStatus,
  ReviewDecision,
  ReviewerBasisStored,
  VerificationResult,
} from '@/server/domain/access-reviews/campaign';
import { BASIS_LABELS, DECISION_LABELS } from '@/server/domain/access-reviews/campaign';

const CAMPAIGN_BADGES: Record<CampaignStatus, string> = {
  draft: '',
  active: 'badge-brand',
  completed: 'badge-ok',
};
const CAMPAIGN_LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  completed: 'Completed',
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <span className={`badge ${CAMPAIGN_BADGES[status]}`} data-testid="campaign-status">
      {CAMPAIGN_LABELS[status]}
    </span>
  );
}

const DECISION_BADGES: Record<ReviewDecision, string> = {
  keep: 'badge-ok',
  revoke: 'badge-danger',
  modify: 'badge-warn',
};

export function DecisionBadge({
  decision,
  newExpiresAt,
}: {
  decision: ReviewDecision | null;
  newExpiresAt?: Date | null;
}) {
  if (!decision) return <span className="badge badge-warn">Pending</span>;
  return (
    <span className={`badge ${DECISION_BADGES[decision]}`} data-testid="item-decision">
      {DECISION_LABELS[decision]}
      {decision === 'modify' && newExpiresAt ? ` to ${formatDate(newExpiresAt)}` : ''}
    </span>
  );
}

export function BasisLabel({ basis }: { basis: ReviewerBasisStored }) {
  return basis === 'fallback' ? (
    <span className="badge badge-danger">{BASIS_LABELS[basis]}</span>
  ) : (
    <span className="muted small">{BASIS_LABELS[basis]}</span>
  );
}

/** What the decision did to the live grant, and whether the re-check confirmed it. */
export function RemediationNote({
  decision,
  executedAt,
  verifiedAt,
  result,
}: {
  decision: ReviewDecision | null;
  executedAt: Date | null;
  verifiedAt: Date | null;
  result: VerificationResult | null;
}) {
  if (!decision || decision === 'keep' || !executedAt) return null;
  if (result === 'still_active')
    return (
      <div className="small text-danger" data-testid="remediation">
        Still active after {decision === 'revoke' ? 'revocation' : 'shortening'}
      </div>
    );
  return (
    <div className="muted small" data-testid="remediation">
      {decision === 'revoke' ? 'Revoked' : 'Shortened'} {formatDate(executedAt)}
      {verifiedAt ? ` · verified ${formatDate(verifiedAt)}` : ' · verification pending'}
    </div>
  );
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      className="meter"
    >
      <div
        className={percent === 100 ? 'meter-fill ok' : 'meter-fill'}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
