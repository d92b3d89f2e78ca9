import path from 'node:path';
import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { getEnv } from '@/server/env';
import { backupDatabase } from '@/server/services/backup/backup';
import { restoreDatabase } from '@/server/services/backup/restore';
import { verifyEveryAuditChain } from '@/server/services/backup/verify-restored';
import { HandledError, command, print, required } from '../args';

const ownerUrl = () => process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || undefined;

/**
 * `vigil db backup --out FILE`: a consistent snapshot of the whole database (every organization)
 * in one file (docs/RELIABILITY.md §Backup and restore).
 */
export const dbBackup = command({
  args: z.object({ out: required('db backup needs --out FILE') }),
  input: ({ values }) => ({ out: values.out }),
  handler: async ({ out: file }, out) => {
    const result = await backupDatabase(await getDatabaseHandle(), file, ownerUrl());
    print(
      out,
      `Backed up the ${result.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database to ${result.file} (${result.bytes} bytes).`,
      result,
    );
  },
});

/**
 * `vigil db restore FILE`: into an empty database of the same kind, then migrates (a backup may
 * predate migrations) and recomputes every organization's audit chain; exit 1 if one breaks.
 */
export const dbRestore = command({
  args: z.object({ file: required('db restore needs FILE') }),
  input: ({ positionals }) => ({ file: positionals[2] }),
  handler: async ({ file }, out) => {
    const owner = ownerUrl();
    const kind = await restoreDatabase(
      file,
      owner
        ? { kind: 'postgres', ownerUrl: owner }
        : { kind: 'pglite', dataDir: path.join(getEnv().VIGIL_DATA_DIR, 'pglite') },
    );
    await getDatabaseHandle();
    const chains = await verifyEveryAuditChain();
    const broken = chains.filter((c) => !c.verification.ok);
    if (out.json) process.stdout.write(`${JSON.stringify({ kind, chains })}\n`);
    else
      process.stdout.write(
        [
          `Restored ${file}.`,
          ...chains.map(({ slug, verification: v }) =>
            v.ok
              ? `  ${slug}: audit chain intact (${v.entries} entries)`
              : `  ${slug}: audit chain BROKEN at entry #${v.brokenAt.seq}: ${v.reason}`,
          ),
        ].join('\n') + '\n',
      );
    if (broken.length > 0)
      throw new HandledError(
        `${broken.length} organization(s) have a broken audit chain after the restore.`,
      );
  },
});
