import { z } from 'zod';
import { MAX_IMPORT_BYTES } from './csv';

export const IMPORT_KINDS = [
  'vendors',
  'systems',
  'people',
  'grants',
  'watchlist',
  'tickets',
] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

export const runImportSchema = z.object({
  kind: importKindSchema,
  csv: z
    .string()
    .min(1, 'The file is empty')
    .max(MAX_IMPORT_BYTES, 'The file is larger than 10 MB; split it.'),
  dryRun: z.boolean(),
});
