import { z } from 'zod';
import { emailSchema, passwordSchema } from '../auth/password';
import { roleSchema } from './roles';

export const addMemberSchema = z.object({ email: emailSchema, role: roleSchema });
export type AddMemberInput = z.output<typeof addMemberSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid(), role: roleSchema });
export type ChangeRoleInput = z.output<typeof changeRoleSchema>;

export const setMemberStatusSchema = z.object({
  userId: z.uuid(),
  status: z.enum(['active', 'disabled']),
});
export type SetMemberStatusInput = z.output<typeof setMemberStatusSchema>;

export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });
export type RevokeInvitationInput = z.output<typeof revokeInvitationSchema>;

export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This invitation link is not valid.');

export const acceptInvitationSchema = z.object({
  token: invitationTokenSchema,
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Name is too long'),
  password: passwordSchema,
});
export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;

export const acceptInvitationAsUserSchema = z.object({ token: invitationTokenSchema });
export type AcceptInvitationAsUserInput = z.output<typeof acceptInvitationAsUserSchema>;

export const addUserCliSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema.optional(),
  name: z.string().trim().min(1).max(120).optional(),
});
export type AddUserCliInput = z.output<typeof addUserCliSchema>;
