import { z } from 'zod';

export const listMatchesSchema = z.object({
  status: z.enum(['open', 'confirmed', 'false_positive']).default('open'),
  personId: z.uuid().optional(),
});
export type ListMatchesInput = z.output<typeof listMatchesSchema>;

export const reviewMatchSchema = z.object({
  matchId: z.uuid(),
  decision: z.enum(['confirmed', 'false_positive']),
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(2000),
});
export type ReviewMatchInput = z.output<typeof reviewMatchSchema>;
