import { z } from 'zod';
import { GRANT_STATUS_GROUPS } from './grant';

export const MAX_JUSTIFICATION = 2000;

export const accessRequestInputSchema = z.object({
  personId: z.uuid('Choose a person'),
  privilegeId: z.uuid('Choose a privilege'),
  justification: z
    .string()
    .trim()
    .min(10, 'Explain why in at least 10 characters')
    .max(MAX_JUSTIFICATION, `Keep the justification under ${MAX_JUSTIFICATION} characters`),
  durationDays: z
    .number({ error: 'Give a duration in days' })
    .int('Use whole days')
    .min(1, 'A grant lasts at least one day')
    .max(3650, 'A grant lasts at most ten years'),
});
export type AccessRequestInput = z.output<typeof accessRequestInputSchema>;

export const decideAccessStepSchema = z
  .object({
    grantId: z.uuid(),
    decision: z.enum(['approve', 'deny']),
    comment: z.string().trim().max(2000).optional(),
    // The step the decider saw (a chat button carries it): refused if another was decided since.
    stepId: z.uuid().optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.comment?.length ?? 0) >= 5, {
    message: 'Say why you deny the request (at least 5 characters)',
    path: ['comment'],
  });
export type DecideAccessStepInput = z.output<typeof decideAccessStepSchema>;

/** One request or grant: to read it, or for its requester to withdraw it. */
export const grantIdSchema = z.object({ grantId: z.uuid() });
export type GrantIdInput = z.output<typeof grantIdSchema>;

export const revokeAccessGrantSchema = z.object({
  grantId: z.uuid(),
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(2000),
});
export type RevokeAccessGrantInput = z.output<typeof revokeAccessGrantSchema>;

export const listGrantsSchema = z.object({
  status: z
    .enum(['all', ...Object.keys(GRANT_STATUS_GROUPS)] as [
      'all',
      'open',
      'pending',
      'active',
      'ended',
    ])
    .default('all'),
  personId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
  requestedByMe: z.boolean().optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListGrantsInput = z.output<typeof listGrantsSchema>;

export const previewAccessRequestSchema = z.object({ personId: z.uuid(), privilegeId: z.uuid() });
export type PreviewAccessRequestInput = z.output<typeof previewAccessRequestSchema>;
