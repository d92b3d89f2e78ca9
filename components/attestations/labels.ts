import type { RequestStatus } from '@/server/domain/attestations/campaign';

export { REQUEST_STATUS_LABELS } from '@/server/domain/attestations/campaign';

export const REQUEST_STATUS_BADGES: Record<RequestStatus, string> = {
  pending: 'badge-brand',
  signed: 'badge-ok',
  declined: 'badge-warn',
  overdue: 'badge-danger',
};

export const REMINDER_LABELS: Record<string, string> = {
  before: 'before due',
  due: 'on overdue',
  final: 'final',
};
