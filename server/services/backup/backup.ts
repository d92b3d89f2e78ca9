import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { DatabaseHandle } from '@/db/client';
import { UserFacingError } from '@/server/services/shared/errors';

/** What a backup file holds, told by its first bytes (docs/RELIABILITY.md §Backup and restore). */
export type BackupKind = 'postgres' | 'pglite';

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
}

/**
 * Runs a command to completion; its stderr becomes the error's message, since pg_dump and
 * pg_restore say there what went wrong (never a password: URLs go in the environment).
 */
export function runTool(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new UserFacingError(
              'PRECONDITION_FAILED',
              `${command} is not installed: install PostgreSQL's client tools (Debian: postgresql-client) at the server's major version or newer.`,
            )
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new UserFacingError('PRECONDITION_FAILED', `${command} failed: ${stderr.trim()}`)),
    );
  });
}

/** Splits a postgres:// URL into what libpq reads from the environment, keeping the password out of argv. */
export function libpqEnvironment(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/**
 * Writes a consistent snapshot of the whole database to `file`, through `file.partial` so a
 * failed backup never leaves a file that looks whole.
 *
 * PostgreSQL: `pg_dump --format=custom` as `ownerUrl`, a role that bypasses row-level security
 * (a superuser or one with BYPASSRLS): every table forces RLS, so any other role would dump
 * only the rows its policies show, and pg_dump refuses that rather than dump part.
 * PGlite: the data folder as a gzip tarball, from the open handle.
 */
export async function backupDatabase(
  handle: DatabaseHandle,
  file: string,
  ownerUrl: string | undefined,
): Promise<BackupResult> {
  const partial = `${file}.partial`;
  try {
    if (handle.raw.driver === 'pglite') {
      const dump = await handle.raw.client.dumpDataDir('gzip');
      await fs.promises.writeFile(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    } else {
      if (!ownerUrl)
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          'A PostgreSQL backup needs the owner URL: set DATABASE_MIGRATION_URL (or DATABASE_URL).',
        );
      await runTool(
        'pg_dump',
        ['--format=custom', '--no-password', `--file=${partial}`],
        libpqEnvironment(ownerUrl),
      );
      await fs.promises.chmod(partial, 0o600);
    }
    await fs.promises.rename(partial, file);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  const { size } = await fs.promises.stat(file);
  return { kind: handle.driver, file, bytes: size };
}

/** pg_dump's custom format starts with "PGDMP"; PGlite's tarball is gzip (1f 8b). */
export async function backupKindOf(file: string): Promise<BackupKind> {
  let head: Buffer;
  try {
    const fd = await fs.promises.open(file, 'r');
    try {
      head = Buffer.alloc(5);
      await fd.read(head, 0, 5, 0);
    } finally {
      await fd.close();
    }
  } catch (error) {
    throw new UserFacingError('BAD_REQUEST', `Cannot read ${file}: ${(error as Error).message}`);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new UserFacingError(
    'BAD_REQUEST',
    `${file} is not a Vigil backup (neither a pg_dump custom-format file nor an embedded-database tarball).`,
  );
}
