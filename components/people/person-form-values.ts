import type { z } from 'zod';
import type { IdentifierKind } from '@/server/domain/inventory/identifiers';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import type {
  BACKGROUND_CHECK_STATUSES,
  PersonType,
  WORK_MODES,
} from '@/server/domain/inventory/person';

export type PersonInput = z.input<typeof personInputSchema>;

/** A person as the form starts from (stored values, or EMPTY_PERSON when creating). */
export interface PersonFormValues {
  email: string;
  fullName: string;
  type: PersonType;
  vendorId: string | null;
  department: string | null;
  title: string | null;
  managerId: string | null;
  location: string | null;
  country: string | null;
  timezone: string | null;
  workMode: (typeof WORK_MODES)[number] | null;
  startDate: string | null;
  endDate: string | null;
  identifiers: { kind: IdentifierKind; value: string }[];
  identityVerifiedAt: Date | null;
  backgroundCheckStatus: (typeof BACKGROUND_CHECK_STATUSES)[number];
  backgroundCheckAt: string | null;
}

export const EMPTY_PERSON: PersonFormValues = {
  email: '',
  fullName: '',
  type: 'employee',
  vendorId: null,
  department: null,
  title: null,
  managerId: null,
  location: null,
  country: null,
  timezone: null,
  workMode: null,
  startDate: null,
  endDate: null,
  identifiers: [],
  identityVerifiedAt: null,
  backgroundCheckStatus: 'not_started',
  backgroundCheckAt: null,
};

/** Contractors and vendor staff work for a vendor; employees do not. */
export const takesVendor = (t: PersonType) => t === 'contractor' || t === 'vendor_staff';

/** The submitted form as the API's person input: text trimmed, empty fields left out. */
export function personInput(
  f: FormData,
  type: PersonType,
  identifiers: { kind: IdentifierKind; value: string }[],
): PersonInput {
  const text = (name: string) => String(f.get(name) ?? '').trim();
  const optional = (name: string) => text(name) || undefined;
  return {
    email: text('email'),
    fullName: text('fullName'),
    type,
    vendorId: takesVendor(type) ? optional('vendorId') : undefined,
    department: optional('department'),
    title: optional('title'),
    managerId: optional('managerId'),
    location: optional('location'),
    country: optional('country')?.toUpperCase(),
    timezone: optional('timezone'),
    workMode: optional('workMode') as PersonInput['workMode'],
    startDate: optional('startDate'),
    endDate: optional('endDate'),
    identifiers: identifiers
      .filter((r) => r.value.trim() !== '')
      .map((r) => ({ kind: r.kind, value: r.value.trim() })),
    identityVerified: f.get('identityVerified') === 'on',
    backgroundCheckStatus: text('backgroundCheckStatus') as PersonInput['backgroundCheckStatus'],
    backgroundCheckAt: optional('backgroundCheckAt'),
  };
}
