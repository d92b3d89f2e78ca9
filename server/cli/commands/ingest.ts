import fs from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { INGEST_FORMATS } from '@/server/domain/ingest/parse-events';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { HandledError, command, operatorIn, orgFlag, orgIdFor, print, usage } from '../args';
import { startProgress } from '../progress';

/** `vigil ingest --org S --format F FILE...`: log files (.gz too, - for stdin), one batch each. */
export const ingest = command({
  args: z.object({
    org: orgFlag,
    format: z.enum(INGEST_FORMATS),
    files: z
      .array(z.string())
      .refine((files) => files.length > 0, usage('give at least one file (or - for stdin)')),
  }),
  input: ({ values, positionals }) => ({
    org: values.org,
    format: values.format,
    files: positionals.slice(1),
  }),
  handler: async ({ org, format, files }, out) => {
    for (const f of files)
      if (f !== '-' && !fs.existsSync(f)) throw new HandledError(`Cannot read ${f}: ENOENT`);
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const totals = { received: 0, inserted: 0, duplicates: 0, rejected: 0, unresolvedActors: 0 };
    const lines: string[] = [];
    const results = [];
    for (const f of files) {
      const total = f === '-' ? null : fs.statSync(f).size;
      const progress = startProgress(out, `Ingesting ${f === '-' ? 'stdin' : f}`, total, 'bytes');
      // Counts bytes on their way to the parser; a read error still reaches it through the pipe.
      let read = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          progress.update((read += chunk.length));
          done(null, chunk);
        },
      });
      const source = f === '-' ? process.stdin : fs.createReadStream(f);
      pipeline(source, counted, () => {});
      const summary = await ingestEvents(operatorIn(orgId), format, counted, {
        channel: 'cli',
        fileName: f === '-' ? 'stdin' : f,
      });
      progress.finish();
      results.push({ file: f, ...summary });
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += summary[k];
      lines.push(
        `${f}: ${summary.received} received, ${summary.inserted} inserted, ${summary.duplicates} duplicates, ${summary.rejected} rejected, ${summary.unresolvedActors} unresolved actors`,
        ...summary.rejections.slice(0, 20).map((r) => `  line ${r.line}: ${r.reason}`),
      );
    }
    print(out, lines.join('\n'), { ...totals, files: results });
    if (totals.rejected > 0)
      throw new HandledError(`${totals.rejected} record(s) rejected; the rest were stored.`);
  },
});
