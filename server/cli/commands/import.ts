import fs from 'node:fs';
import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { MAX_IMPORT_BYTES } from '@/server/domain/import/csv';
import { importKindSchema } from '@/server/domain/import/inputs';
import { runImport } from '@/server/services/import/run';
import { HandledError, command, operatorIn, orgFlag, orgIdFor, print, usage } from '../args';
import { startProgress, type Progress } from '../progress';

/** Reads an import file, refusing one over the size limit; errors name the file, not its content. */
export function readImportFile(file: string): string {
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_IMPORT_BYTES)
      throw new HandledError(`${file} is larger than 10 MB; split it.`);
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof HandledError) throw error;
    throw new HandledError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** `vigil import vendors|systems|people|grants|watchlist|tickets --org S FILE|--file F [--dry-run]`. */
export const importCsv = command({
  args: z.object({
    org: orgFlag,
    kind: importKindSchema,
    file: z
      .array(z.string())
      .refine(
        (files) => files.length === 1 && files[0] !== '',
        usage('give exactly one file (FILE or --file F)'),
      )
      .transform(([file]) => file!),
    dryRun: z.boolean().default(false),
  }),
  input: ({ values, positionals }) => ({
    org: values.org,
    kind: positionals[1],
    file: [...positionals.slice(2), ...(values.file !== undefined ? [values.file] : [])],
    dryRun: values['dry-run'],
  }),
  handler: async ({ org, kind, file, dryRun }, out) => {
    const text = readImportFile(file);
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    let progress: Progress | null = null;
    const report = await runImport(operatorIn(orgId), kind, text, {
      dryRun,
      onProgress: (done, total) =>
        (progress ??= startProgress(out, `Importing ${kind}`, total, 'rows')).update(done),
    });
    (progress as Progress | null)?.finish();
    const summary = `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`;
    const lines = [summary, ...report.rejected.map((r) => `  line ${r.line}: ${r.reason}`)];
    print(out, lines.join('\n'), report);
    if (report.rejected.length)
      throw new HandledError(
        `${report.rejected.length} row(s) rejected; the other rows were ${report.dryRun ? 'checked' : 'imported'}.`,
      );
  },
});
