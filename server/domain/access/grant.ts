import type { Sensitivity } from '@/server/domain/inventory/system';

// docs/PRODUCT.md §Grant lifecycle: pending → approved | denied → active → expired | revoked.
// `approved` is a grant whose start lies ahead; `withdrawn` is a request its requester took back.
export const GRANT_STATUSES = [
  'pending',
  'approved',
  'denied',
  'withdrawn',
  'active',
  'expired',
  'revoked',
] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Grants that still give, or may soon give, access: one per person and privilege at a time. */
export const OPEN_GRANT_STATUSES = ['pending', 'approved', 'active'] as const;
/** Grants a person holds now or will hold without another decision (for toxic pairs). */
export const HELD_GRANT_STATUSES = ['approved', 'active'] as const;

/** The status filters of the grant list, each a group of statuses. */
export const GRANT_STATUS_GROUPS = {
  open: ['pending', 'approved', 'active'],
  pending: ['pending'],
  active: ['active', 'approved'],
  ended: ['denied', 'withdrawn', 'expired', 'revoked'],
} as const satisfies Record<string, readonly GrantStatus[]>;

const TRANSITIONS: Record<GrantStatus, readonly GrantStatus[]> = {
  pending: ['approved', 'active', 'denied', 'withdrawn', 'revoked'],
  approved: ['active', 'revoked'],
  active: ['expired', 'revoked'],
  denied: [],
  withdrawn: [],
  expired: [],
  revoked: [],
};

export function canTransitionGrant(from: GrantStatus, to: GrantStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The longest grant the organization allows for a privilege's sensitivity (settings). */
export function checkGrantDuration(
  days: number,
  sensitivity: Sensitivity,
  maxGrantDays: Record<Sensitivity, number>,
): string | null {
  const max = maxGrantDays[sensitivity];
  if (days > max)
    return `A ${sensitivity}-sensitivity privilege can be granted for at most ${max} days (organization settings); ask for ${max} or fewer.`;
  return null;
}

export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * 86_400_000);
}
