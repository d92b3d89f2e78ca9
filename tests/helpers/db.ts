import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  closeDatabase,
  getDb,
  installDatabaseHandle,
  openDatabase,
  openPostgres,
  type Database,
  type Tx,
} from '@/db/client';
import { createDatabaseLogin } from '@/server/services/auth/database-logins';

/** The login the app code runs as on PostgreSQL: neither superuser nor owner (docs/SECURITY.md §Database roles). */
export const TEST_LOGIN = { role: 'vigil_test_login', password: 'vigil-test-login-password' };

// The schema owner's handle on PostgreSQL, for fixtures and inspection; PGlite has one handle.
let owner: Database | null = null;

/**
 * One fresh, migrated database per test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server in DATABASE_URL when VIGIL_TEST_DRIVER=postgres (npm run test:pg). On
 * PostgreSQL the database is migrated as the owner (DATABASE_URL's user) and the app's handle
 * connects as the least-privilege login, as production does; `url` is the login's URL,
 * `ownerUrl` the owner's.
 */
export async function setupTestDatabase(): Promise<{
  url?: string;
  ownerUrl?: string;
  teardown: () => Promise<void>;
}> {
  if (process.env.VIGIL_TEST_DRIVER !== 'postgres') {
    installDatabaseHandle(await openDatabase({ dataDir: 'memory' }));
    owner = null;
    return { teardown: () => closeDatabase() };
  }
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error(
      'npm run test:pg needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    );
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const ownerUrl = new URL(base);
  ownerUrl.pathname = `/${name}`;
  // Roles are cluster-wide: test files running side by side take turns creating the login.
  await admin`select pg_advisory_lock(727171)`;
  let login: { url: string };
  try {
    login = await createDatabaseLogin(ownerUrl.toString(), TEST_LOGIN);
  } finally {
    await admin`select pg_advisory_unlock(727171)`;
  }
  const ownerHandle = await openPostgres(ownerUrl.toString());
  owner = ownerHandle.db;
  installDatabaseHandle(await openDatabase({ url: login.url, migrationUrl: ownerUrl.toString() }));
  return {
    url: login.url,
    ownerUrl: ownerUrl.toString(),
    teardown: async () => {
      await closeDatabase();
      await ownerHandle.close();
      owner = null;
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The schema owner's database (PGlite's only handle): fixtures and tampering the app cannot do. */
export async function ownerDb(): Promise<Database> {
  return owner ?? getDb();
}

/** Runs as the owner, outside tenant scoping: for fixtures and for inspecting what was written. */
export async function asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await ownerDb()).transaction(fn);
}

export async function rawRows<T = Record<string, unknown>>(
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const result = await (await ownerDb()).execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is the cause. */
export async function databaseError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return `${(error as Error).message} | ${cause?.message ?? ''}`;
  }
  throw new Error('expected the database to refuse, but it accepted');
}
