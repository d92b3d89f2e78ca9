import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { candidateFormatSchema } from '@/server/domain/candidates/inputs';
import { importCandidates } from '@/server/services/candidates/import';
import { HandledError, command, operatorIn, orgFlag, orgIdFor, print, usage } from '../args';
import { readImportFile } from './import';

/**
 * `vigil import candidates --org S FILE [--format greenhouse|lever|vigil] [--dry-run] [--json]`
 * (docs/IMPORTS.md §candidates): exit 1 when any row is rejected, the others imported.
 */
export const importCandidatesCommand = command({
  args: z.object({
    org: orgFlag,
    format: candidateFormatSchema.default('vigil'),
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
    format: values.format,
    file: [...positionals.slice(2), ...(values.file !== undefined ? [values.file] : [])],
    dryRun: values['dry-run'],
  }),
  handler: async ({ org, format, file, dryRun }, out) => {
    const text = readImportFile(file);
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const report = await importCandidates(operatorIn(orgId), format, text, { dryRun });
    const summary = `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`;
    const lines = [
      summary,
      ...report.rejected.map((r) => `  line ${r.line}: ${r.reason}`),
      ...(report.ignoredColumns.length
        ? [`  columns not read: ${report.ignoredColumns.join(', ')}`]
        : []),
    ];
    print(out, lines.join('\n'), report);
    if (report.rejected.length)
      throw new HandledError(
        `${report.rejected.length} row(s) rejected; the other rows were ${report.dryRun ? 'checked' : 'imported'}.`,
      );
  },
});
