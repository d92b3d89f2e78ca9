import type { CaseOutcome, CaseStatus } from '@/server/domain/cases/case';

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  closed: 'Closed',
};

export const CASE_STATUS_BADGES: Record<CaseStatus, string> = {
  open: 'badge-brand',
  investigating: 'badge-warn',
  closed: '',
};

export const OUTCOME_LABELS: Record<CaseOutcome, string> = {
  substantiated: 'Substantiated',
  unsubstantiated: 'Unsubstantiated',
};

export const OUTCOME_BADGES: Record<CaseOutcome, string> = {
  substantiated: 'badge-danger',
  unsubstantiated: 'badge-ok',
};

/** `0.5` → "50%"; null (no outcomes yet) → "—". */
export function formatPrecision(p: number | null): string {
  return p === null ? '—' : `${Math.round(p * 100)}%`;
}
