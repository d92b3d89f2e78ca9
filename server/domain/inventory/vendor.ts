import { z } from 'zod';

export const VENDOR_TIERS = ['critical', 'high', 'medium', 'low'] as const;
export const VENDOR_STATUSES = [
  'prospect',
  'onboarding',
  'active',
  // A hold while a case investigates (see README "Cases"): the gate refuses new access.
  'suspended',
  'offboarding',
  'terminated',
] as const;
export const DATA_CATEGORIES = [
  'customer_pii',
  'kyc_documents',
  'funds_or_keys',
  'source_code',
  'production_infrastructure',
  'financial_records',
  'employee_data',
  'internal_docs',
] as const;

export type VendorTier = (typeof VENDOR_TIERS)[number];
export type VendorStatus = (typeof VENDOR_STATUSES)[number];
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const tierSchema = z.enum(VENDOR_TIERS);
export const vendorStatusSchema = z.enum(VENDOR_STATUSES);
export const dataCategorySchema = z.enum(DATA_CATEGORIES);

const isoDate = z.iso.date('Use a date as YYYY-MM-DD');
/** A two-letter ISO 3166 country code, upper-cased. */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 country code');

/** The short inherent-risk questionnaire the tier is derived from (issue: inventory). */
export const tierQuestionnaireSchema = z.object({
  dataCategories: z.array(dataCategorySchema).max(DATA_CATEGORIES.length).default([]),
  productionAccess: z.boolean().default(false),
  fundsAccess: z.boolean().default(false),
  staffWithAccess: z.number().int().min(0).max(1_000_000).default(0),
});
export type TierQuestionnaire = z.infer<typeof tierQuestionnaireSchema>;

const SENSITIVE_DATA: DataCategory[] = [
  'customer_pii',
  'kyc_documents',
  'source_code',
  'financial_records',
];

/**
 * Inherent risk before any controls: what the vendor can touch and how many of its people can.
 *   critical: can move funds or keys, or reaches production while handling customer or KYC data
 *   high:     reaches production, handles sensitive data, or has 25+ staff with access
 *   medium:   handles any other data, or 5+ staff with access
 *   low:      none of the above
 */
export function deriveVendorTier(q: TierQuestionnaire): { tier: VendorTier; reasons: string[] } {
  const reasons: string[] = [];
  const has = (c: DataCategory) => q.dataCategories.includes(c);
  if (q.fundsAccess || has('funds_or_keys')) reasons.push('can move funds or touch keys');
  if (q.productionAccess && (has('customer_pii') || has('kyc_documents')))
    reasons.push('reaches production while handling customer or KYC data');
  if (reasons.length > 0) return { tier: 'critical', reasons };
  if (q.productionAccess || has('production_infrastructure')) reasons.push('reaches production');
  const sensitive = SENSITIVE_DATA.filter(has);
  if (sensitive.length > 0) reasons.push(`handles ${sensitive.join(', ').replace(/_/g, ' ')}`);
  if (q.staffWithAccess >= 25) reasons.push(`${q.staffWithAccess} staff with access`);
  if (reasons.length > 0) return { tier: 'high', reasons };
  if (q.dataCategories.length > 0)
    reasons.push(`handles ${q.dataCategories.join(', ').replace(/_/g, ' ')}`);
  if (q.staffWithAccess >= 5) reasons.push(`${q.staffWithAccess} staff with access`);
  if (reasons.length > 0) return { tier: 'medium', reasons };
  return { tier: 'low', reasons: ['no data, production or funds access, few staff'] };
}

/**
 * The lifecycle prospect → onboarding → active → offboarding → terminated, with its exits; an
 * active vendor may be suspended (a case's hold) and is then reinstated or offboarded.
 */
const TRANSITIONS: Record<VendorStatus, VendorStatus[]> = {
  prospect: ['onboarding', 'terminated'],
  onboarding: ['active', 'terminated'],
  active: ['offboarding', 'suspended'],
  suspended: ['active', 'offboarding', 'terminated'],
  offboarding: ['terminated', 'active'],
  terminated: [],
};

/** Statuses that take the vendor's people's live access away at once (docs/PRODUCT.md §Vendors). */
export const ACCESS_ENDING_VENDOR_STATUSES = ['suspended', 'offboarding', 'terminated'] as const;

export function endsVendorAccess(status: VendorStatus): boolean {
  return (ACCESS_ENDING_VENDOR_STATUSES as readonly VendorStatus[]).includes(status);
}

export function allowedVendorTransitions(from: VendorStatus): VendorStatus[] {
  return TRANSITIONS[from];
}

export function checkVendorTransition(from: VendorStatus, to: VendorStatus): string | null {
  if (from === to) return `The vendor is already ${to}.`;
  return TRANSITIONS[from].includes(to)
    ? null
    : `A vendor cannot go from ${from} to ${to}${TRANSITIONS[from].length ? ` (allowed: ${TRANSITIONS[from].join(', ')})` : ''}.`;
}

export const subProcessorSchema = z.object({
  name: z.string().trim().min(1, 'Sub-processor name is required').max(200),
  country: countryCodeSchema.optional(),
  service: z.string().trim().max(200).optional(),
});

export const certificationSchema = z.object({
  name: z.string().trim().min(1, 'Certification name is required').max(120),
  expiresOn: isoDate,
});

export interface VendorWarning {
  kind:
    | 'contract_ended'
    | 'contract_ending'
    | 'certification_expired'
    | 'certification_expiring'
    | 'review_overdue'
    | 'no_contract';
  message: string;
}

/**
 * Vendors whose dates are tracked (contract, review): past prospect and not yet terminated. The
 * overview's overdue-review count and the vendor list's filter use the same rule.
 */
export const LIVE_VENDOR_STATUSES: readonly VendorStatus[] = VENDOR_STATUSES.filter(
  (s) => s !== 'prospect' && s !== 'terminated',
);
export function isLiveVendor(status: VendorStatus): boolean {
  return LIVE_VENDOR_STATUSES.includes(status);
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** Dates a compliance officer must act on, as of `today` (YYYY-MM-DD). */
export function vendorWarnings(
  v: {
    status: VendorStatus;
    contractEnd: string | null;
    certifications: { name: string; expiresOn: string }[];
    nextReviewAt: string | null;
  },
  today: string,
  horizonDays = 30,
): VendorWarning[] {
  const warnings: VendorWarning[] = [];
  const live = isLiveVendor(v.status);
  if (live && !v.contractEnd)
    warnings.push({ kind: 'no_contract', message: 'No contract end date recorded.' });
  if (live && v.contractEnd) {
    const left = daysBetween(today, v.contractEnd);
    if (left < 0)
      warnings.push({
        kind: 'contract_ended',
        message: `Contract ended ${-left} days ago (${v.contractEnd}).`,
      });
    else if (left <= horizonDays)
      warnings.push({
        kind: 'contract_ending',
        message: `Contract ends in ${left} days (${v.contractEnd}).`,
      });
  }
  for (const c of v.certifications) {
    const left = daysBetween(today, c.expiresOn);
    if (left < 0)
      warnings.push({
        kind: 'certification_expired',
        message: `${c.name} expired on ${c.expiresOn}.`,
      });
    else if (left <= horizonDays)
      warnings.push({
        kind: 'certification_expiring',
        message: `${c.name} expires in ${left} days (${c.expiresOn}).`,
      });
  }
  if (live && v.nextReviewAt && v.nextReviewAt < today) {
    warnings.push({ kind: 'review_overdue', message: `Review overdue since ${v.nextReviewAt}.` });
  }
  return warnings;
}
