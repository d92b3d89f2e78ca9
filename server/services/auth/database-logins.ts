import { randomBytes } from 'node:crypto';
import { migrateDatabase, openPostgres } from '@/db/client';
import { scramVerifier } from '@/server/domain/auth/database-login';
import type { CreateDatabaseLoginInput } from '@/server/domain/auth/inputs';
import { UserFacingError } from '@/server/services/shared/errors';

export interface CreatedDatabaseLogin {
  role: string;
  created: boolean;
  /** Only when Vigil generated it: shown once, never stored. */
  generatedPassword: string | null;
  /** The owner's URL with the login's name and password in it: what DATABASE_URL should be. */
  url: string;
}

/**
 * Creates (or re-keys) the least-privilege login the app and CLI connect as
 * (docs/SECURITY.md §Database roles): a LOGIN role that owns nothing and is a member of
 * vigil_app and vigil_system. Runs as the schema owner at `ownerUrl`, migrating first so both
 * roles exist. The password reaches PostgreSQL only as its SCRAM verifier.
 */
export async function createDatabaseLogin(
  ownerUrl: string,
  { role, password }: CreateDatabaseLoginInput,
): Promise<CreatedDatabaseLogin> {
  const handle = await openPostgres(ownerUrl);
  try {
    await migrateDatabase(handle);
    if (handle.raw.driver !== 'postgres') throw new Error('unreachable: postgres handle');
    const sql = handle.raw.sql;
    const generatedPassword = password ? null : randomBytes(24).toString('base64url');
    const verifier = scramVerifier(password ?? generatedPassword!, randomBytes(16));
    const created = await sql.begin(async (tx) => {
      const [existing] = await tx<{ super: boolean; owns: boolean }[]>`
        select r.rolsuper as super,
               exists (select 1 from pg_class c where c.relowner = r.oid) as owns
        from pg_roles r where r.rolname = ${role}`;
      if (existing?.super || existing?.owns)
        throw new UserFacingError(
          'CONFLICT',
          `The role "${role}" is a superuser or owns tables; choose another name for the app's login.`,
        );
      // Identifiers and literals quoted by PostgreSQL itself (format %I/%L): DDL takes no parameters.
      const [statement] = await tx<{ text: string }[]>`
        select format(${existing ? 'ALTER ROLE %I WITH LOGIN PASSWORD %L' : 'CREATE ROLE %I LOGIN PASSWORD %L'}, ${role}::text, ${verifier}::text) as text`;
      await tx.unsafe(statement!.text);
      const grants = await tx<{ text: string }[]>`
        select format('GRANT vigil_app, vigil_system TO %I', ${role}::text) as text
        union all
        select format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${role}::text)`;
      for (const grant of grants) await tx.unsafe(grant.text);
      return !existing;
    });
    const url = new URL(ownerUrl);
    url.username = role;
    url.password = password ?? generatedPassword!;
    return { role, created, generatedPassword, url: url.toString() };
  } finally {
    await handle.close();
  }
}
