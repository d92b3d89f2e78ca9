import { z } from 'zod';
import { retentionSettingsSchema } from './settings';

export const updateRetentionSchema = retentionSettingsSchema;
export type UpdateRetentionInput = z.output<typeof updateRetentionSchema>;

/** `vigil retention run [--org S] [--dry-run]`. */
export const retentionRunSchema = z.object({
  org: z.string().trim().min(1).optional(),
  dryRun: z.boolean().default(false),
});
export type RetentionRunInput = z.output<typeof retentionRunSchema>;
