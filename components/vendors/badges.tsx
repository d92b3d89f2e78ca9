import type { VendorStatus, VendorTier } from '@/server/domain/inventory/vendor';
import { STATUS_BADGES, STATUS_LABELS, TIER_BADGES, TIER_LABELS } from './labels';

export function TierBadge({ tier, testId }: { tier: VendorTier; testId?: string }) {
  return (
    <span className={`badge ${TIER_BADGES[tier]}`} data-testid={testId}>
      {TIER_LABELS[tier]}
    </span>
  );
}

export function StatusBadge({ status, testId }: { status: VendorStatus; testId?: string }) {
  return (
    <span className={`badge ${STATUS_BADGES[status]}`} data-testid={testId}>
      {STATUS_LABELS[status]}
    </span>
  );
}
