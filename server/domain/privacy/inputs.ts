import { z } from 'zod';

/** Reveal the person a signal is about: the signal is the handle a pseudonymized view offers. */
export const revealPersonSchema = z.object({
  signalId: z.uuid(),
  reason: z
    .string()
    .trim()
    .min(10, 'Say why you need the name (at least 10 characters)')
    .max(2000, 'Keep the reason under 2,000 characters'),
});
export type RevealPersonInput = z.output<typeof revealPersonSchema>;

export const setRevealPermissionSchema = z.object({
  userId: z.uuid(),
  canReveal: z.boolean(),
});
export type SetRevealPermissionInput = z.output<typeof setRevealPermissionSchema>;
