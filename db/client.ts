import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql, TransactionSql } from 'postgres';
import { explainMigrationFailure, refuseSuperuserLogin } from './login-check';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The driver's own client under drizzle, for what drizzle cannot express (COPY). */
export type RawClient = { driver: 'postgres'; sql: Sql } | { driver: 'pglite'; client: PGlite };

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  raw: RawClient;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /**
   * The schema owner's postgres:// URL, used only to migrate (docs/SECURITY.md §Database roles);
   * when absent, `url` migrates too (development with one superuser URL).
   */
  migrationUrl?: string;
  /** PGlite data folder, or 'memory' for an in-memory database (tests). */
  dataDir?: string;
}

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

let statements = 0;
/** Counts every statement Drizzle sends; no text or parameters are kept. */
const statementCounter = {
  logQuery: () => {
    statements += 1;
  },
};

/**
 * Statements this process has sent through Drizzle: a measure of the work a code path does,
 * e.g. that a sign-in for an unknown email costs what a wrong password costs (docs/SECURITY.md
 * §F5). Tests and the bench compare it before and after a call.
 */
export function statementsSent(): number {
  return statements;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (!options.url) {
    const handle = await openPglite(options.dataDir ?? '.data/pglite');
    await migrateDatabase(handle);
    return handle;
  }
  const handle = await openPostgres(options.url);
  try {
    await refuseSuperuserLogin(handle);
    if (options.migrationUrl && options.migrationUrl !== options.url) {
      const owner = await openPostgres(options.migrationUrl);
      try {
        await migrateDatabase(owner);
      } finally {
        await owner.close();
      }
    } else {
      await migrateDatabase(handle);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** A postgres.js handle without migrating (tests' owner handle, `vigil db create-login`). */
export async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    // Ingest stages each chunk (~10 MB) in a temporary table; the default 8 MB of temp buffers
    // spills it to disk. Only takes memory on connections that use temporary tables.
    connection: { temp_buffers: '64MB' },
  });
  const db = drizzle({ client, schema, logger: statementCounter }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    raw: { driver: 'postgres', sql: client },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const releaseLock = dataDir === 'memory' ? () => {} : lockDataDir(dataDir);
  try {
    const client = dataDir === 'memory' ? new PGlite() : new PGlite(dataDir);
    await client.waitReady;
    const db = drizzle({ client, schema, logger: statementCounter }) as unknown as Database;
    return {
      db,
      driver: 'pglite',
      raw: { driver: 'pglite', client },
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * PGlite is one connection in one process: a second process on the same folder corrupts it
 * (docs/RELIABILITY.md §Embedded database), so the folder is guarded by a lock that fails fast.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lockPath = `${path.resolve(dataDir)}.lock`;
  const tryLock = () => {
    const fd = fs.openSync(lockPath, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  };
  try {
    tryLock();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. ` +
          'Stop that process (e.g. the dev server) or set DATABASE_URL to use PostgreSQL.',
      );
    }
    fs.rmSync(lockPath, { force: true });
    tryLock();
  }
  const release = () => {
    try {
      if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.rmSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // Two app instances starting together must not both migrate.
    await handle.db.execute(sql`select pg_advisory_lock(727170)`);
    try {
      await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
    } catch (error) {
      throw explainMigrationFailure(error);
    } finally {
      await handle.db.execute(sql`select pg_advisory_unlock(727170)`);
    }
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
  }
}

// One handle per process, shared by every bundle layer Next.js creates (hence globalThis).
const HANDLE = Symbol.for('vigil.database');
type GlobalWithDb = typeof globalThis & { [HANDLE]?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[HANDLE]) {
    const url = process.env.DATABASE_URL || undefined;
    const migrationUrl = process.env.DATABASE_MIGRATION_URL || undefined;
    const dataDir = path.join(process.env.VIGIL_DATA_DIR || '.data', 'pglite');
    g[HANDLE] = openDatabase({ url, migrationUrl, dataDir }).catch((error: unknown) => {
      delete g[HANDLE];
      throw error;
    });
  }
  return g[HANDLE];
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/**
 * The postgres.js connection a drizzle transaction runs on, or null on PGlite. Bulk writes use it
 * for `COPY … FROM STDIN` inside the same transaction (so the tenant, role and row-level security
 * set by withTenant still apply); drizzle keeps it on the transaction's session without a public
 * accessor, hence the structural check rather than a cast.
 */
export function postgresTransactionClient(tx: Tx): TransactionSql | null {
  const session: unknown = Reflect.get(tx, 'session');
  if (typeof session !== 'object' || session === null) return null;
  const client: unknown = Reflect.get(session, 'client');
  if (typeof client !== 'function' || !('unsafe' in client) || !('savepoint' in client))
    return null;
  return client as TransactionSql;
}

/** Tests and the CLI install the handle they opened. */
export function installDatabaseHandle(handle: DatabaseHandle): void {
  (globalThis as GlobalWithDb)[HANDLE] = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[HANDLE];
  delete g[HANDLE];
  if (pending) await (await pending).close();
}
