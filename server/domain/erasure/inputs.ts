import { z } from 'zod';

const reason = z
  .string()
  .trim()
  .min(5, 'Say why (at least 5 characters), e.g. the request reference')
  .max(500, 'At most 500 characters');

/** The admin action on the person page: the person's email typed again, and why. */
export const erasePersonSchema = z.object({
  personId: z.uuid(),
  confirmation: z.string().trim().max(320),
  reason,
});
export type ErasePersonInput = z.output<typeof erasePersonSchema>;

/** `vigil person erase --org S --email E --reason R`: the email names the person. */
export const erasePersonCliSchema = z.object({
  org: z.string().trim().min(1),
  email: z.email('Give the person’s email').trim().toLowerCase(),
  reason,
});
export type ErasePersonCliInput = z.output<typeof erasePersonCliSchema>;

/** A legal hold (its reason) or its release (null). */
export const legalHoldSchema = z.object({
  personId: z.uuid(),
  reason: z.string().trim().min(5, 'Say why (at least 5 characters)').max(500).nullable(),
});
export type LegalHoldInput = z.output<typeof legalHoldSchema>;
