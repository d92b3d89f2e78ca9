import { sql } from 'drizzle-orm';
import { isPrivilegeRefusal, superuserRefusal } from '@/server/domain/auth/database-login';
import type { DatabaseHandle } from './client';

/** Start-up refuses a superuser login in production (docs/SECURITY.md §Database roles). */
export async function refuseSuperuserLogin(handle: DatabaseHandle): Promise<void> {
  const result = await handle.db.execute(
    sql`select current_user as role, current_setting('is_superuser') = 'on' as superuser`,
  );
  const [login] = (Array.isArray(result) ? result : []) as { role: string; superuser: boolean }[];
  if (!login) return;
  const refusal = superuserRefusal(login, process.env);
  if (refusal) throw new Error(refusal);
}

/** A login that may not migrate gets told which URL migrates, not just "permission denied". */
export function explainMigrationFailure(error: unknown): unknown {
  if (!isPrivilegeRefusal(error)) return error;
  return new Error(
    'Migrating the database was refused for lack of privilege: the app connects as a ' +
      "least-privilege login, so set DATABASE_MIGRATION_URL to the schema owner's URL " +
      '(docs/SECURITY.md §Database roles).',
    { cause: error },
  );
}
