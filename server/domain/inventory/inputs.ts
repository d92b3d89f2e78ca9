import { z } from 'zod';
import { cursorSchema } from '../cursor';
import { RISK_BANDS } from '../risk/bands';
import { isTimeZone } from '../time-zone';
import { identifierKindSchema } from './identifiers';
import { BACKGROUND_CHECK_STATUSES, PERSON_TYPES, WORK_MODES } from './person';
import { privilegeInputSchema, sensitivitySchema } from './system';
import {
  certificationSchema,
  countryCodeSchema,
  DATA_CATEGORIES,
  dataCategorySchema,
  subProcessorSchema,
  tierQuestionnaireSchema,
  tierSchema,
  vendorStatusSchema,
} from './vendor';

const isoDate = z.iso.date('Use a date as YYYY-MM-DD');

// Vendors

export const vendorInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Name is too short').max(200, 'Name is too long'),
    country: countryCodeSchema.optional(),
    services: z.string().trim().max(2000).default(''),
    dataCategories: z.array(dataCategorySchema).max(DATA_CATEGORIES.length).default([]),
    contractStart: isoDate.optional(),
    contractEnd: isoDate.optional(),
    ownerUserId: z.uuid().optional(),
    subProcessors: z.array(subProcessorSchema).max(100).default([]),
    certifications: z.array(certificationSchema).max(50).default([]),
    questionnaire: tierQuestionnaireSchema,
    tierOverride: z
      .object({
        tier: tierSchema,
        reason: z.string().trim().min(5, 'Say why the tier is overridden').max(1000),
      })
      .optional(),
  })
  .refine((v) => !v.contractStart || !v.contractEnd || v.contractEnd >= v.contractStart, {
    message: 'The contract cannot end before it starts',
    path: ['contractEnd'],
  });
export type VendorInput = z.output<typeof vendorInputSchema>;

export const listVendorsSchema = z.object({
  q: z.string().trim().max(200).optional(),
  tiers: z.array(tierSchema).max(4).optional(),
  statuses: z.array(vendorStatusSchema).max(5).optional(),
  dataCategory: dataCategorySchema.optional(),
  /** Vendors whose current risk falls in this band (the overview's drill-down). */
  riskBand: z.enum(RISK_BANDS).optional(),
  /** Live vendors whose next review date has passed (the overview's drill-down). */
  reviewOverdue: z.boolean().optional(),
  sort: z.enum(['name', 'tier', 'contractEnd']).default('name'),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListVendorsInput = z.output<typeof listVendorsSchema>;

export const vendorIdSchema = z.object({ vendorId: z.uuid() });
export type VendorIdInput = z.output<typeof vendorIdSchema>;

export const updateVendorSchema = z.object({ vendorId: z.uuid(), vendor: vendorInputSchema });
export type UpdateVendorInput = z.output<typeof updateVendorSchema>;

export const changeVendorStatusSchema = z.object({
  vendorId: z.uuid(),
  status: vendorStatusSchema,
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(1000),
});
export type ChangeVendorStatusInput = z.output<typeof changeVendorStatusSchema>;

// People

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
    country: countryCodeSchema.optional(),
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
export type PersonInput = z.output<typeof personInputSchema>;

export const listPeopleSchema = z.object({
  q: z.string().trim().max(200).optional(),
  types: z.array(z.enum(PERSON_TYPES)).max(4).optional(),
  vendorId: z.uuid().optional(),
  backgroundCheck: z.enum(BACKGROUND_CHECK_STATUSES).optional(),
  /** The band of the person's higher risk score (person_risk_scores). */
  riskBand: z.enum(RISK_BANDS).optional(),
  /** By name (default) or riskiest first. */
  sort: z.enum(['name', 'risk']).default('name'),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListPeopleInput = z.output<typeof listPeopleSchema>;

export const personIdSchema = z.object({ personId: z.uuid() });
export type PersonIdInput = z.output<typeof personIdSchema>;

export const updatePersonSchema = z.object({ personId: z.uuid(), person: personInputSchema });
export type UpdatePersonInput = z.output<typeof updatePersonSchema>;

// Systems

export const systemInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Name is too short').max(200, 'Name is too long'),
    ownerUserId: z.uuid().optional(),
    criticality: sensitivitySchema.default('medium'),
    dataClassification: z
      .enum(['public', 'internal', 'confidential', 'restricted'])
      .default('internal'),
    privileges: z.array(privilegeInputSchema).max(200).default([]),
    // Names the access logs use for this system (Okta app label, AWS account id, …).
    aliases: z
      .array(z.string().trim().min(1).max(200, 'An alias is too long'))
      .max(50, 'At most 50 aliases')
      .default([]),
  })
  .refine(
    (s) => new Set(s.privileges.map((p) => p.name.toLowerCase())).size === s.privileges.length,
    {
      message: 'Each privilege name must be unique within the system',
      path: ['privileges'],
    },
  );
export type SystemInput = z.output<typeof systemInputSchema>;

export const systemIdSchema = z.object({ systemId: z.uuid() });
export type SystemIdInput = z.output<typeof systemIdSchema>;

export const updateSystemSchema = z.object({ systemId: z.uuid(), system: systemInputSchema });
export type UpdateSystemInput = z.output<typeof updateSystemSchema>;

export const toxicPairInputSchema = z
  .object({
    privilegeA: z.uuid(),
    privilegeB: z.uuid(),
    reason: z.string().trim().min(5, 'Say why the pair is toxic').max(500),
  })
  .refine((p) => p.privilegeA !== p.privilegeB, {
    message: 'A toxic pair needs two different privileges',
    path: ['privilegeB'],
  });
export type ToxicPairInput = z.output<typeof toxicPairInputSchema>;

export const removeToxicPairSchema = z.object({ pairId: z.uuid() });
export type RemoveToxicPairInput = z.output<typeof removeToxicPairSchema>;

// Actor identities (the names the logs use)

export const listActorsSchema = z.object({
  status: z.enum(['unresolved', 'resolved', 'service_account']).default('unresolved'),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ListActorsInput = z.output<typeof listActorsSchema>;

export const resolveActorSchema = z.discriminatedUnion('decision', [
  z.object({ identityId: z.uuid(), decision: z.literal('link'), personId: z.uuid() }),
  z.object({ identityId: z.uuid(), decision: z.literal('service_account') }),
]);
export type ResolveActorInput = z.output<typeof resolveActorSchema>;
