import { z } from 'zod';
import { INDICATOR_FILE_MAX_BYTES } from './feed';

const sourceName = z.string().trim().min(2, 'A source needs at least 2 characters').max(200);

/** docs/IMPOSTORS.md §Exported bundles. */
export const exportIndicatorsSchema = z.object({
  // None given: every source.
  sources: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  includeConfirmed: z.boolean().default(true),
  // Not given: the organization's sharing setting decides.
  hashed: z.boolean().optional(),
});
export type ExportIndicatorsInput = z.output<typeof exportIndicatorsSchema>;

/** docs/IMPOSTORS.md §Importing indicators. */
export const importIndicatorsSchema = z.object({
  // A file over the limit is still read far enough to be rejected with its reason.
  text: z
    .string()
    .min(1, 'The file is empty')
    .max(INDICATOR_FILE_MAX_BYTES * 2, 'The file is far over the 5 MB limit; split it.'),
  source: sourceName.optional(),
  dryRun: z.boolean().default(false),
});
export type ImportIndicatorsInput = z.output<typeof importIndicatorsSchema>;

/** TAXII 2.1 `objects/` and `manifest/` query parameters (docs/IMPOSTORS.md §TAXII 2.1 server). */
export const taxiiObjectsQuerySchema = z.object({
  added_after: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .transform((n) => Math.min(n, 1000)),
  next: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});
export type TaxiiObjectsQuery = z.output<typeof taxiiObjectsQuerySchema>;
