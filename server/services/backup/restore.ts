import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { UserFacingError } from '@/server/services/shared/errors';
import { backupKindOf, libpqEnvironment, runTool, type BackupKind } from './backup';

const gunzip = promisify(zlib.gunzip);

/** Where a backup goes back to: a PostgreSQL database, or an embedded-database folder. */
export type RestoreTarget =
  { kind: 'postgres'; ownerUrl: string } | { kind: 'pglite'; dataDir: string };

/**
 * The roles every Vigil database's policies and grants name. They are cluster-wide, so a fresh
 * cluster lacks them and pg_restore would fail on the first policy (docs/SECURITY.md §Database
 * roles).
 */
const ROLES_SQL = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_app') THEN CREATE ROLE vigil_app NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_system') THEN CREATE ROLE vigil_system NOLOGIN; END IF;
END $$;`;

/**
 * Default privileges belong to the role that creates tables, which may have another name in the
 * restored cluster: they are left out of the restore and granted again for the restoring owner,
 * so tables later migrations add reach the app's roles as before.
 */
const DEFAULT_PRIVILEGES_SQL = ['vigil_app', 'vigil_system']
  .map(
    (role) =>
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role};`,
  )
  .join('\n');

async function psql(ownerUrl: string, script: string): Promise<string> {
  return runTool(
    'psql',
    ['--no-psqlrc', '--no-password', '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', script],
    libpqEnvironment(ownerUrl),
  );
}

async function restorePostgres(file: string, ownerUrl: string): Promise<void> {
  const tables = await psql(
    ownerUrl,
    "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
  );
  if (Number(tables.trim()) > 0)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      'The target database is not empty: restore into a new database (createdb) so nothing is mixed.',
    );
  await psql(ownerUrl, ROLES_SQL);
  const env = libpqEnvironment(ownerUrl);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vigil-restore-'));
  try {
    const toc = await runTool('pg_restore', ['--list', file], env);
    const list = path.join(dir, 'toc.list');
    await fs.promises.writeFile(
      list,
      toc
        .split('\n')
        .filter((line) => !line.includes(' DEFAULT ACL '))
        .join('\n'),
    );
    // One transaction: a failed restore leaves the target empty, as it was.
    await runTool(
      'pg_restore',
      [
        '--no-owner',
        '--no-password',
        '--exit-on-error',
        '--single-transaction',
        `--use-list=${list}`,
        `--dbname=${env.PGDATABASE}`,
        file,
      ],
      env,
    );
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
  await psql(ownerUrl, DEFAULT_PRIVILEGES_SQL);
}

async function restorePglite(file: string, dataDir: string): Promise<void> {
  const existing = await fs.promises.readdir(dataDir).catch(() => [] as string[]);
  if (existing.length > 0)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      `${dataDir} already holds a database: restore into an empty VIGIL_DATA_DIR so nothing is overwritten.`,
    );
  const { PGlite } = await import('@electric-sql/pglite');
  // Unpacked here first: a damaged file then fails with a message, before the embedded
  // database sees it (its own unpacking error escapes as an unhandled stream error).
  let tar: Buffer;
  try {
    tar = await gunzip(await fs.promises.readFile(file));
  } catch (error) {
    throw new UserFacingError(
      'BAD_REQUEST',
      `The embedded-database backup is damaged (${(error as Error).message}); nothing was restored.`,
    );
  }
  await fs.promises.mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  try {
    const client = new PGlite(dataDir, { loadDataDir: new Blob([new Uint8Array(tar)]) });
    await client.waitReady;
    await client.close();
  } catch (error) {
    await fs.promises.rm(dataDir, { recursive: true, force: true });
    throw new UserFacingError(
      'BAD_REQUEST',
      `The embedded-database backup could not be loaded: ${(error as Error).message}`,
    );
  }
}

/**
 * Puts a backup made by `backupDatabase` back into an empty target of the same kind. The caller
 * then opens the database as usual, which applies any migrations newer than the backup.
 */
export async function restoreDatabase(file: string, target: RestoreTarget): Promise<BackupKind> {
  const kind = await backupKindOf(file);
  if (kind !== target.kind)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      kind === 'postgres'
        ? 'This is a PostgreSQL backup: set DATABASE_URL (and DATABASE_MIGRATION_URL) to an empty database to restore it.'
        : 'This is an embedded-database backup: unset DATABASE_URL and point VIGIL_DATA_DIR at an empty folder to restore it.',
    );
  if (target.kind === 'postgres') await restorePostgres(file, target.ownerUrl);
  else await restorePglite(file, target.dataDir);
  return kind;
}
