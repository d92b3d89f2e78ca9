import { normalizeIdentifier, type TypedIdentifier } from './identifiers';
import type { PersonInput } from './inputs';

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
/** `left` once the end date has passed (docs/PRODUCT.md §People), as the pre-access gate reads it. */
export const PERSON_STATUSES = ['active', 'left'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** A person's status on `today` (YYYY-MM-DD): the end date is their last day. */
export function personStatus(endDate: string | null, today: string): PersonStatus {
  return endDate !== null && endDate < today ? 'left' : 'active';
}

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
