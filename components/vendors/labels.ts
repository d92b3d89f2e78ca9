import type { DataCategory, VendorStatus, VendorTier } from '@/server/domain/inventory/vendor';

export const TIER_LABELS: Record<VendorTier, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const TIER_BADGES: Record<VendorTier, string> = {
  critical: 'badge-danger',
  high: 'badge-warn',
  medium: 'badge-brand',
  low: '',
};

export const STATUS_LABELS: Record<VendorStatus, string> = {
  prospect: 'Prospect',
  onboarding: 'Onboarding',
  active: 'Active',
  suspended: 'Suspended',
  offboarding: 'Offboarding',
  terminated: 'Terminated',
};

export const STATUS_BADGES: Record<VendorStatus, string> = {
  prospect: '',
  onboarding: 'badge-brand',
  active: 'badge-ok',
  suspended: 'badge-danger',
  offboarding: 'badge-warn',
  terminated: 'badge-danger',
};

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  customer_pii: 'Customer PII',
  kyc_documents: 'KYC documents',
  funds_or_keys: 'Funds or keys',
  source_code: 'Source code',
  production_infrastructure: 'Production infrastructure',
  financial_records: 'Financial records',
  employee_data: 'Employee data',
  internal_docs: 'Internal documents',
};

export const VENDOR_SORTS = ['name', 'tier', 'contractEnd'] as const;
export type VendorSort = (typeof VENDOR_SORTS)[number];

export const SORT_LABELS: Record<VendorSort, string> = {
  name: 'Name',
  tier: 'Tier (critical first)',
  contractEnd: 'Contract end (soonest first)',
};

export function categoryList(categories: readonly string[]): string {
  if (categories.length === 0) return '—';
  return categories
    .map((c) => DATA_CATEGORY_LABELS[c as DataCategory] ?? c.replace(/_/g, ' '))
    .join(', ');
}

export const BACKGROUND_CHECK_LABELS: Record<string, string> = {
  not_started: 'Not started',
  pending: 'Pending',
  clear: 'Clear',
  consider: 'Consider',
  failed: 'Failed',
};

export const BACKGROUND_CHECK_BADGES: Record<string, string> = {
  not_started: '',
  pending: 'badge-warn',
  clear: 'badge-ok',
  consider: 'badge-warn',
  failed: 'badge-danger',
};

export const PERSON_TYPE_LABELS: Record<string, string> = {
  employee: 'Employee',
  contractor: 'Contractor',
  vendor_staff: 'Vendor staff',
  candidate: 'Candidate',
};
