import { z } from 'zod';

export const signalsOverTimeSchema = z.object({
  days: z.number().int().min(7).max(365).default(30),
});
export type SignalsOverTimeInput = z.output<typeof signalsOverTimeSchema>;
