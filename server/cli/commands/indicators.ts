import fs from 'node:fs';
import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { INDICATOR_FILE_MAX_BYTES } from '@/server/domain/indicators/feed';
import { exportIndicatorsSchema, importIndicatorsSchema } from '@/server/domain/indicators/inputs';
import { exportIndicators } from '@/server/services/indicators/export-commands';
import { importIndicators } from '@/server/services/indicators/import-commands';
import {
  HandledError,
  command,
  operatorIn,
  orgFlag,
  orgIdFor,
  print,
  required,
  usage,
} from '../args';

const sourcesFlag = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** `vigil indicators export --org S --out FILE.json [--hashed] [--source A,B]` (docs/IMPOSTORS.md §Sharing). */
export const indicatorsExport = command({
  args: z.object({
    org: orgFlag,
    out: required('--out FILE.json is required'),
    options: exportIndicatorsSchema,
  }),
  input: ({ values }) => ({
    org: values.org,
    out: values.out,
    options: {
      sources: sourcesFlag(values.source),
      hashed: values.hashed === true ? true : undefined,
    },
  }),
  handler: async ({ org, out: file, options }, out) => {
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const result = await exportIndicators(operatorIn(orgId), options);
    try {
      fs.writeFileSync(file, `${JSON.stringify(result.bundle, null, 2)}\n`);
    } catch (error) {
      throw new HandledError(
        `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    const summary = {
      file,
      indicators: result.indicators,
      skipped: result.skipped,
      hashed: result.hashed,
    };
    print(
      out,
      `Wrote ${result.indicators} indicator(s) to ${file}${result.hashed ? ' (hashed)' : ''}; ${result.skipped} profile(s) without a shareable identifier left out.`,
      summary,
    );
  },
});

/** `vigil indicators import --org S FILE.json [--source NAME] [--dry-run] [--json]`. */
export const indicatorsImport = command({
  args: z.object({
    org: orgFlag,
    file: z
      .array(z.string())
      .refine((f) => f.length === 1 && f[0] !== '', usage('give exactly one FILE.json'))
      .transform(([f]) => f!),
    source: importIndicatorsSchema.shape.source,
    dryRun: z.boolean().default(false),
  }),
  input: ({ values, positionals }) => ({
    org: values.org,
    file: positionals.slice(2),
    source: values.source,
    dryRun: values['dry-run'],
  }),
  handler: async ({ org, file, source, dryRun }, out) => {
    let text: string;
    try {
      // Read a little past the limit so the import itself rejects it with its reason.
      const fd = fs.openSync(file, 'r');
      const buffer = Buffer.alloc(INDICATOR_FILE_MAX_BYTES + 1);
      const size = fs.readSync(fd, buffer, 0, buffer.length, 0);
      fs.closeSync(fd);
      text = buffer.subarray(0, size).toString('utf8');
    } catch (error) {
      throw new HandledError(
        `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    if (!text.trim()) throw new HandledError(`${file} is empty.`);
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const report = await importIndicators(operatorIn(orgId), { text, source, dryRun });
    const summary = `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.format.toUpperCase()}: ${report.created} created, ${report.updated} updated, ${report.duplicates} duplicates, ${report.ignored} ignored, ${report.rejected.length} rejected; ${report.newMatches} new match(es)`;
    print(
      out,
      [summary, ...report.rejected.map((r) => `  ${r.id}: ${r.reason}`)].join('\n'),
      report,
    );
    if (report.rejected.length)
      throw new HandledError(
        `${report.rejected.length} object(s) rejected; nothing was imported. Fix them and import the file again.`,
      );
  },
});
