import { z } from 'zod';
import { emailSchema } from './password';
import { API_KEY_SCOPES, apiKeyScopeSchema } from './secrets';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(2, 'Name is too short').max(80, 'Name is too long'),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, 'Choose at least one scope')
    .max(API_KEY_SCOPES.length)
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

/** `vigil db create-login`: a PostgreSQL role name and, optionally, its password. */
export const createDatabaseLoginSchema = z.object({
  role: z
    .string()
    .regex(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'lower-case letters, digits and underscores, starting with a letter',
    )
    .refine((r) => !['vigil_app', 'vigil_system', 'postgres'].includes(r) && !r.startsWith('pg_'), {
      message: 'choose a name of its own, not vigil_app, vigil_system, postgres or pg_*',
    })
    .default('vigil_login'),
  password: z
    .string()
    .regex(/^[\x21-\x7e]{16,200}$/, '16 to 200 printable ASCII characters, no spaces')
    .optional(),
});
export type CreateDatabaseLoginInput = z.output<typeof createDatabaseLoginSchema>;
