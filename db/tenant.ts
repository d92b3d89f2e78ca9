import { sql } from 'drizzle-orm';
import { getDb, type Tx } from './client';
import { currentSharedReads } from './shared-reads';

export interface TenantScope {
  orgId: string;
  userId: string | null;
}

/**
 * The only way services reach tenant data: one transaction, the tenant set with set_config(…, true)
 * (transaction-local, so it cannot leak across pooled connections) and the role switched to
 * vigil_app, which owns nothing, so row-level security applies on PGlite and PostgreSQL alike.
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Inside a page render's reads, one read-only transaction serves them all (db/shared-reads.ts).
  const shared = currentSharedReads();
  return shared ? shared.run(scope, fn) : ownTenantTransaction(scope, fn);
}

/** withTenant's own transaction, also what shared reads fall back to. */
export async function ownTenantTransaction<T>(
  scope: TenantScope,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(
      sql`select set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('role', 'vigil_app', true)`,
    );
    return fn(tx);
  });
}

/** A signed-in user with no organization chosen yet: sees only their own user and memberships. */
export async function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'vigil_app', true)`,
    );
    return fn(tx);
  });
}

/**
 * Privileged paths that run before a tenant is known: sign-in, invitation acceptance, API-key
 * lookup, the job queue and the CLI. Runs as vigil_system, which reads and writes rows across
 * organizations but owns nothing, so it cannot change the schema, truncate, or rewrite the audit
 * log (docs/SECURITY.md §Database roles); tenant settings are still set so forced policies on
 * tenant tables (memberships, audit_log) hold.
 */
export async function withSystem<T>(
  fn: (tx: Tx) => Promise<T>,
  scope: Partial<TenantScope> = {},
): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('role', 'vigil_system', true)`,
    );
    return fn(tx);
  });
}

/** Switch the tenant inside a system transaction (e.g. to audit into each of a user's orgs). */
export async function setTenant(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
}
