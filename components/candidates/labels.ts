import type { Tone } from '@/components/ui/badge';
import type { CheckResult } from '@/server/domain/candidates/checks';

export const CHECK_RESULT_LABELS: Record<CheckResult, string> = {
  pass: 'Passed',
  fail: 'Failed',
  open: 'Open',
};

export const CHECK_RESULT_TONES: Record<CheckResult, Tone> = {
  pass: 'ok',
  fail: 'danger',
  open: 'warn',
};

export const CANDIDATE_STATUSES = ['active', 'hired', 'all'] as const;
export const CANDIDATE_STATUS_LABELS: Record<(typeof CANDIDATE_STATUSES)[number], string> = {
  active: 'In the pipeline',
  hired: 'Hired',
  all: 'All',
};
