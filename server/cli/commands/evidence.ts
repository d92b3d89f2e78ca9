import fs from 'node:fs';
import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import { describeProblems } from '@/server/domain/evidence/verify';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence/package-generation';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';
import { availableSections } from '@/server/services/evidence/populations';
import { HandledError, command, orgFlag, orgIdFor, print, required } from '../args';
import { startProgress, type Progress } from '../progress';

/** `vigil evidence export --org S --from D --to D [--scope a,b] --out FILE.zip`. */
export const evidenceExport = command({
  args: z.object({
    org: orgFlag,
    out: required('--out FILE.zip is required'),
    request: evidenceRequestSchema,
  }),
  input: ({ values }) => ({
    org: values.org,
    out: values.out,
    request: {
      from: values.from,
      to: values.to,
      scope: values.scope ? values.scope.split(',').map((s) => s.trim()) : availableSections(),
    },
  }),
  handler: async ({ org, out: file, request }, out) => {
    await getDatabaseHandle();
    let progress: Progress | null = null;
    const result = await exportEvidencePackageAsOperator(
      await orgIdFor(org),
      request,
      file,
      (note, step, steps) =>
        (progress ??= startProgress(out, 'Building the package', steps, 'steps')).update(
          step,
          note,
        ),
    );
    (progress as Progress | null)?.finish();
    print(
      out,
      `Wrote ${file}: ${result.manifest.files.length} files, ${result.rows} rows, ${result.bytes} bytes\nmanifest SHA-256 ${result.manifestSha256}`,
      {
        out: file,
        manifestSha256: result.manifestSha256,
        bytes: result.bytes,
        rows: result.rows,
        files: result.manifest.files.map((f) => ({
          path: f.path,
          sha256: f.sha256,
          rows: f.rows,
        })),
      },
    );
  },
});

/** `vigil evidence verify FILE.zip`: offline, it reads only the file, never the database. */
export const evidenceVerify = command({
  args: z.object({ file: required('evidence verify needs FILE.zip') }),
  input: ({ positionals }) => ({ file: positionals[2] }),
  handler: async ({ file }, out) => {
    if (!fs.existsSync(file)) throw new HandledError(`No such file: ${file}`);
    const result = await verifyEvidencePackage(file);
    const problems = describeProblems(result);
    if (out.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.ok) {
      if (!out.json)
        process.stdout.write(
          `Package intact: ${result.files.length} files match the manifest` +
            (result.audit ? `; audit segment of ${result.audit.entries} entries verifies` : '') +
            `\nmanifest SHA-256 ${result.manifestSha256}\n`,
        );
      return;
    }
    if (!out.json) for (const p of problems) process.stdout.write(`BROKEN ${p}\n`);
    throw new HandledError(`Package does not verify: ${problems.length} problem(s).`);
  },
});
