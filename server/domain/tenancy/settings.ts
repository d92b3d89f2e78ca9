import { z } from 'zod';
import { isTimeZone } from '../time-zone';
import { officeNetworksSchema } from './office-networks';

const SENSITIVITIES = ['low', 'medium', 'high', 'critical'] as const;
const TIERS = ['critical', 'high', 'medium', 'low'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use two-letter ISO 3166 country codes');

/**
 * Organization settings (docs/PRODUCT.md §Organization settings); every key has a documented
 * default.
 */
export const orgSettingsSchema = z.object({
  timezone: z.string().refine(isTimeZone, 'Unknown IANA time zone').default('UTC'),
  workingHours: z
    .object({ start: hhmm.default('08:00'), end: hhmm.default('18:00') })
    .default({ start: '08:00', end: '18:00' }),
  highRiskCountries: z.array(countryCode).max(250).default([]),
  // Months between periodic vendor reviews, by tier.
  reviewCadenceMonths: z
    .object(
      Object.fromEntries(TIERS.map((t) => [t, z.number().int().min(1).max(60)])) as Record<
        (typeof TIERS)[number],
        z.ZodNumber
      >,
    )
    .default({ critical: 6, high: 12, medium: 24, low: 36 }),
  // Longest a grant may run before it must be re-requested, by privilege sensitivity.
  maxGrantDays: z
    .object(
      Object.fromEntries(
        SENSITIVITIES.map((s) => [s, z.number().int().min(1).max(3650)]),
      ) as Record<(typeof SENSITIVITIES)[number], z.ZodNumber>,
    )
    .default({ low: 365, medium: 180, high: 90, critical: 30 }),
  // Office egress addresses / ranges, exempt from the office-aware detectors.
  officeNetworks: officeNetworksSchema.default([]),
  // docs/PRIVACY.md §Pseudonymized investigation. On for new organizations; the migration that
  // added it wrote `pseudonymize: false` into organizations that existed before.
  investigation: z
    .object({
      pseudonymize: z.boolean().default(true),
      managersSeeReportSignals: z.boolean().default(false),
    })
    .default({ pseudonymize: true, managersSeeReportSignals: false }),
  // docs/IMPOSTORS.md §Hashed sharing: outgoing indicators carry only SHA-256 of each identifier.
  indicatorSharing: z.object({ hashed: z.boolean().default(true) }).default({ hashed: true }),
});

export type OrgSettings = z.infer<typeof orgSettingsSchema>;

/** Stored settings may predate a key; parse fills defaults. */
export function readOrgSettings(stored: unknown): OrgSettings {
  const parsed = orgSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : orgSettingsSchema.parse({});
}

export const orgProfileSchema = z.object({
  name: z.string().trim().min(2, 'Name is too short').max(120, 'Name is too long'),
});

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    'Slug: lower-case letters, digits and dashes (1–40)',
  );
