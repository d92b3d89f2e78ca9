import { z } from 'zod';

/** One outgoing message; subjects are one line so no header can be smuggled in. */
export const mailMessageSchema = z.object({
  to: z.email().max(320),
  subject: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'A subject is one line'),
  body: z.string().min(1).max(20_000),
  category: z.string().regex(/^[a-z][a-z0-9_.]{1,60}$/),
  relatedType: z.string().max(60).optional(),
  relatedId: z.string().max(100).optional(),
});
export type MailMessage = z.input<typeof mailMessageSchema>;
