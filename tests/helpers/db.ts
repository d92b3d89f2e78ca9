import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { closeDatabase, getDb, openDatabase, installDatabaseHandle, type Tx } from '@/db/client';

/**
 * One fresh, migrated database per test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server in DATABASE_URL when VIGIL_TEST_DRIVER=postgres (npm run test:pg).
 */
export async function setupTestDatabase(): Promise<{
  url?: string;
  teardown: () => Promise<void>;
}> {
  if (process.env.VIGIL_TEST_DRIVER !== 'postgres') {
    installDatabaseHandle(await openDatabase({ dataDir: 'memory' }));
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
  const url = new URL(base);
  url.pathname = `/${name}`;
  installDatabaseHandle(await openDatabase({ url: url.toString() }));
  return {
    url: url.toString(),
    teardown: async () => {
      await closeDatabase();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Runs as the owner, outside tenant scoping: for fixtures and for inspecting what was written. */
export async function asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(fn);
}

export async function rawRows<T = Record<string, unknown>>(
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const db = await getDb();
  const result = await db.execute(query);
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
