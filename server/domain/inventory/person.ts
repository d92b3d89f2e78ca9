import { z } from 'zod';
import { identifierKindSchema, normalizeIdentifier, type TypedIdentifier } from './identifiers';
import { isTimeZone } from '../time-zone';

export const PERSON_TYPES = ['employee', 'contractor', 'vendor_staff', 'candidate'] as const;
export const BACKGROUND_CHECK_STATUSES = [
  'not_started',
  'pending',
  'clear',
  'consider',
  'failed',
] as const;
export const WORK_MODES = ['office', 'remote'] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

const isoDate = z.iso.date('Use a date as YYYY-MM-DD');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const personInputSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
    fullName: z.string().trim().min(2, 'Full name is too short').max(200, 'Full name is too long'),
    type: z.enum(PERSON_TYPES),
    vendorId: z.uuid().optional(),
    department: optionalText(120),
    title: optionalText(120),
    managerId: z.uuid().optional(),
    location: optionalText(200),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 country code')
      .optional(),
    timezone: z.string().refine(isTimeZone, 'Unknown IANA time zone').optional(),
    workMode: z.enum(WORK_MODES).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    identifiers: z
      .array(z.object({ kind: identifierKindSchema, value: z.string().trim().min(1).max(300) }))
      .max(50)
      .default([]),
    identityVerified: z.boolean().default(false),
    backgroundCheckStatus: z.enum(BACKGROUND_CHECK_STATUSES).default('not_started'),
    backgroundCheckAt: isoDate.optional(),
  })
  .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, {
    message: 'The end date cannot be before the start date',
    path: ['endDate'],
  })
  .refine((p) => p.type !== 'vendor_staff' || p.vendorId, {
    message: 'Vendor staff must belong to a vendor',
    path: ['vendorId'],
  })
  .refine((p) => p.type === 'vendor_staff' || p.type === 'contractor' || !p.vendorId, {
    message: 'Only contractors and vendor staff belong to a vendor',
    path: ['vendorId'],
  });
export type PersonInput = z.infer<typeof personInputSchema>;

/**
 * Normalizes a person's typed identifiers, always including their email, and drops duplicates.
 * Returns the first problem as an error a user can act on.
 */
export function normalizePersonIdentifiers(
  p: Pick<PersonInput, 'email' | 'identifiers' | 'country'>,
): { ok: true; identifiers: TypedIdentifier[] } | { ok: false; error: string } {
  const seen = new Map<string, TypedIdentifier>();
  const all = [{ kind: 'email' as const, value: p.email }, ...p.identifiers];
  for (const id of all) {
    const normalized = normalizeIdentifier(id.kind, id.value, p.country);
    if (!normalized.ok) return { ok: false, error: normalized.error };
    seen.set(`${id.kind}:${normalized.value}`, {
      kind: id.kind,
      value: normalized.value,
      raw: id.value,
    });
  }
  return { ok: true, identifiers: [...seen.values()] };
}

/** A manager chain must not loop back to the person (A manages B manages A). */
export function wouldCreateManagerCycle(
  personId: string,
  newManagerId: string | undefined,
  managerOf: Map<string, string | null>,
): boolean {
  let current = newManagerId;
  for (let hops = 0; current && hops < 10_000; hops++) {
    if (current === personId) return true;
    current = managerOf.get(current) ?? undefined;
  }
  return false;
}

export type ScreeningState = 'screened' | 'incomplete' | 'failed';

/** The screening summary shown on lists and used by the pre-access gate. */
export function screeningState(p: {
  identityVerifiedAt: Date | null;
  backgroundCheckStatus: (typeof BACKGROUND_CHECK_STATUSES)[number];
}): {
  state: ScreeningState;
  missing: string[];
} {
  if (p.backgroundCheckStatus === 'failed')
    return { state: 'failed', missing: ['background check failed'] };
  const missing: string[] = [];
  if (!p.identityVerifiedAt) missing.push('identity not verified');
  if (p.backgroundCheckStatus !== 'clear')
    missing.push(`background check ${p.backgroundCheckStatus.replace('_', ' ')}`);
  return { state: missing.length === 0 ? 'screened' : 'incomplete', missing };
}
