import type { IdentifierKind } from '@/server/domain/inventory/identifiers';
import type {
  BACKGROUND_CHECK_STATUSES,
  PersonType,
  ScreeningState,
  WORK_MODES,
} from '@/server/domain/inventory/person';

export const PERSON_TYPE_LABELS: Record<PersonType, string> = {
  employee: 'Employee',
  contractor: 'Contractor',
  vendor_staff: 'Vendor staff',
  candidate: 'Candidate',
};

export const BACKGROUND_CHECK_LABELS: Record<(typeof BACKGROUND_CHECK_STATUSES)[number], string> = {
  not_started: 'Not started',
  pending: 'Pending',
  clear: 'Clear',
  consider: 'Consider',
  failed: 'Failed',
};

export const WORK_MODE_LABELS: Record<(typeof WORK_MODES)[number], string> = {
  office: 'Office',
  remote: 'Remote',
};

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  email: 'Email',
  phone: 'Phone',
  github: 'GitHub',
  linkedin: 'LinkedIn',
  telegram: 'Telegram',
  wallet: 'Wallet',
  device: 'Device id',
  bank_account: 'Bank account',
  address: 'Shipping address',
  okta: 'Okta',
  aws: 'AWS',
  google: 'Google',
  slack: 'Slack',
};

export const IDENTIFIER_PLACEHOLDERS: Record<IdentifierKind, string> = {
  email: 'name@example.com',
  phone: '+63 917 555 0134',
  github: '@handle or profile URL',
  linkedin: 'linkedin.com/in/handle',
  telegram: '@handle',
  wallet: '0x… or bc1…',
  device: 'Serial number or device id',
  bank_account: 'IBAN, or CC/bank/account',
  address: '12 Main Street, Apt 4, Springfield',
  okta: 'Okta user id',
  aws: 'IAM user ARN or id',
  google: 'Google account',
  slack: 'Slack member id',
};

export const SCREENING_LABELS: Record<ScreeningState, string> = {
  screened: 'Screened',
  incomplete: 'Incomplete',
  failed: 'Failed',
};

export const SCREENING_BADGES: Record<ScreeningState, string> = {
  screened: 'badge-ok',
  incomplete: 'badge-warn',
  failed: 'badge-danger',
};

export const BACKGROUND_CHECK_BADGES: Record<(typeof BACKGROUND_CHECK_STATUSES)[number], string> = {
  not_started: '',
  pending: 'badge-warn',
  clear: 'badge-ok',
  consider: 'badge-warn',
  failed: 'badge-danger',
};

export const PERSON_TYPE_BADGES: Record<PersonType, string> = {
  employee: 'badge-brand',
  contractor: '',
  vendor_staff: '',
  candidate: '',
};
