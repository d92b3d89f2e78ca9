import type { Sensitivity } from '@/server/domain/inventory/system';

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

const SENSITIVITY_BADGES: Record<Sensitivity, string> = {
  critical: 'badge-danger',
  high: 'badge-warn',
  medium: 'badge-brand',
  low: '',
};

const CLASSIFICATION_BADGES: Record<DataClassification, string> = {
  restricted: 'badge-danger',
  confidential: 'badge-warn',
  internal: '',
  public: '',
};

/** Criticality and privilege sensitivity share one scale, so they share one badge. */
export function SensitivityBadge({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return <span className={`badge ${SENSITIVITY_BADGES[value as Sensitivity] ?? ''}`}>{value}</span>;
}

export function ClassificationBadge({ value }: { value: string }) {
  return (
    <span className={`badge ${CLASSIFICATION_BADGES[value as DataClassification] ?? ''}`}>
      {value}
    </span>
  );
}
