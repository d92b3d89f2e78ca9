import { z } from 'zod';
import { emailSchema } from './password';
import { apiKeyScopeSchema } from './secrets';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(2, 'Name is too short').max(80, 'Name is too long'),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, 'Choose at least one scope')
    .max(2)
    .transform((s) => [...new Set(s)]),
  expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.uuid() });
export type RevokeApiKeyInput = z.output<typeof revokeApiKeySchema>;

/** The sign-in form's email and password; any other shape is refused like a wrong password. */
export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(1000),
});
export type Credentials = z.output<typeof credentialsSchema>;
