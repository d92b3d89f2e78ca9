import { z } from 'zod';
import { createDatabaseLoginSchema } from '@/server/domain/auth/inputs';
import { createDatabaseLogin } from '@/server/services/auth/database-logins';
import { HandledError, command, print } from '../args';

/**
 * `vigil db create-login [--role R] [--password P]`: as the schema owner (DATABASE_MIGRATION_URL,
 * else DATABASE_URL), creates or re-keys the least-privilege login the app should connect as
 * (docs/SECURITY.md §Database roles) and prints the DATABASE_URL to use.
 */
export const dbCreateLogin = command({
  args: z.object({ login: createDatabaseLoginSchema }),
  input: ({ values }) => ({ login: { role: values.role, password: values.password } }),
  handler: async ({ login }, out) => {
    const ownerUrl = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
    if (!ownerUrl)
      throw new HandledError(
        "db create-login needs PostgreSQL: set DATABASE_MIGRATION_URL (or DATABASE_URL) to the schema owner's URL. The embedded database has no logins.",
      );
    const result = await createDatabaseLogin(ownerUrl, login);
    const lines = [
      `${result.created ? 'Created' : 'Updated'} login ${result.role} (member of vigil_app and vigil_system; owns nothing).`,
      result.generatedPassword
        ? 'Its password was generated and is shown only here:'
        : 'Connect with:',
      `DATABASE_URL=${result.url}`,
      'Keep the owner URL in DATABASE_MIGRATION_URL for migrations.',
    ];
    print(out, lines.join('\n'), result);
  },
});
