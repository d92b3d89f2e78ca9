import { z } from 'zod';
import { EVIDENCE_SECTIONS, MAX_PERIOD_DAYS, periodBounds } from './sections';

const DAY_MS = 86_400_000;

/** One shape for the form, the router and the CLI; dates are whole UTC days, both inclusive. */
export const evidenceRequestSchema = z
  .object({
    from: z.iso.date({ message: 'Choose the first day of the period (YYYY-MM-DD).' }),
    to: z.iso.date({ message: 'Choose the last day of the period (YYYY-MM-DD).' }),
    scope: z
      .array(z.enum(EVIDENCE_SECTIONS))
      .min(1, 'Choose at least one section to include.')
      .max(EVIDENCE_SECTIONS.length)
      .transform((s) => EVIDENCE_SECTIONS.filter((x) => s.includes(x))),
  })
  .refine((v) => v.from <= v.to, {
    message: 'The period must end on or after the day it starts.',
    path: ['to'],
  })
  .refine(
    (v) =>
      periodBounds(v).end.getTime() - periodBounds(v).start.getTime() <= MAX_PERIOD_DAYS * DAY_MS,
    {
      message: `A package covers at most ${MAX_PERIOD_DAYS} days; split longer periods.`,
      path: ['from'],
    },
  );
export type EvidenceRequest = z.output<typeof evidenceRequestSchema>;

export const evidencePackageIdSchema = z.object({ id: z.uuid() });
export type EvidencePackageIdInput = z.output<typeof evidencePackageIdSchema>;

/** A verified copy's manifest hash, to find the kept package it belongs to. */
export const packageByManifestSchema = z.object({ manifestSha256: z.string().max(64) });
export type PackageByManifestInput = z.output<typeof packageByManifestSchema>;
