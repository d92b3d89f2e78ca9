import { z } from 'zod';
import { MAX_IMPORT_BYTES } from '../import/csv';
import { CANDIDATE_FORMATS } from './ats-formats';
import { CHECK_RESULTS, MANUAL_CHECKS } from './checks';

export const candidateFormatSchema = z.enum(CANDIDATE_FORMATS);

export const listCandidatesSchema = z.object({
  status: z.enum(['active', 'hired', 'all']).default('active'),
});
export type ListCandidatesInput = z.output<typeof listCandidatesSchema>;

export const candidateIdSchema = z.object({ personId: z.uuid() });
export type CandidateIdInput = z.output<typeof candidateIdSchema>;

export const recordCheckSchema = z.object({
  personId: z.uuid(),
  check: z.enum(MANUAL_CHECKS),
  result: z.enum(CHECK_RESULTS),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters').default(''),
});
export type RecordCheckInput = z.output<typeof recordCheckSchema>;

export const convertCandidateSchema = z.object({
  personId: z.uuid(),
  type: z.enum(['employee', 'contractor']),
  startDate: z.iso.date('Use a date (YYYY-MM-DD)').optional(),
  /** Admins only: why the hire goes ahead with checks open or failed. */
  overrideReason: z.string().trim().max(2000).optional(),
});
export type ConvertCandidateInput = z.output<typeof convertCandidateSchema>;

export const importCandidatesSchema = z.object({
  format: candidateFormatSchema,
  csv: z
    .string()
    .min(1, 'The file is empty')
    .max(MAX_IMPORT_BYTES, 'The file is larger than 10 MB; split it.'),
  dryRun: z.boolean(),
});
export type ImportCandidatesInput = z.output<typeof importCandidatesSchema>;
