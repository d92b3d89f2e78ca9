import { z } from 'zod';
import type { Sensitivity } from '@/server/domain/inventory/system';

// spec/domain.md "access grant": requested → pending → approved | denied → active → expired | revoked.
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

export const MAX_JUSTIFICATION = 2000;

export const accessRequestInputSchema = z.object({
  personId: z.uuid('Choose a person'),
  privilegeId: z.uuid('Choose a privilege'),
  justification: z
    .string()
    .trim()
    .min(10, 'Explain why in at least 10 characters')
    .max(MAX_JUSTIFICATION, `Keep the justification under ${MAX_JUSTIFICATION} characters`),
  durationDays: z
    .number({ error: 'Give a duration in days' })
    .int('Use whole days')
    .min(1, 'A grant lasts at least one day')
    .max(3650, 'A grant lasts at most ten years'),
});
export type AccessRequestInput = z.infer<typeof accessRequestInputSchema>;

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
