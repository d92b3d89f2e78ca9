import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { erasePersonCliSchema } from '@/server/domain/erasure/inputs';
import { retentionRunSchema } from '@/server/domain/retention/inputs';
import { erasePersonAsOperator } from '@/server/services/erasure/erase-person';
import { runRetention } from '@/server/services/retention/apply';
import { command, orgIdFor, print, required } from '../args';

/** `vigil retention run [--org S] [--dry-run]` (docs/PRIVACY.md §Retention). */
export const retentionRun = command({
  args: retentionRunSchema,
  input: ({ values }) => ({ org: values.org || undefined, dryRun: values['dry-run'] }),
  handler: async ({ org, dryRun }, out) => {
    await getDatabaseHandle();
    const run = await runRetention({ orgId: org ? await orgIdFor(org) : undefined, dryRun });
    const verb = dryRun ? 'would delete' : 'deleted';
    const lines = run.organizations.map(
      (o) =>
        `${o.slug}: ${verb} ${o.accessEvents} access events (before ${o.cutoffs.accessEvents.toISOString().slice(0, 10)}), ${o.signals} signals, ${o.closedCases} closed cases`,
    );
    const parts =
      run.partitionsDropped.length === 0
        ? 'No whole partition past every organization’s limit.'
        : `Partitions ${dryRun ? 'to drop' : 'dropped'}: ${run.partitionsDropped.join(', ')}`;
    print(out, [...lines, parts].join('\n'), run);
  },
});

/** `vigil person erase --org S --email E --reason R` (docs/PRIVACY.md §Erasure). */
export const personErase = command({
  args: z.object({
    org: erasePersonCliSchema.shape.org,
    email: z.unknown().pipe(required('--email is required')).pipe(erasePersonCliSchema.shape.email),
    reason: z
      .unknown()
      .pipe(required('--reason is required (e.g. the request reference)'))
      .pipe(erasePersonCliSchema.shape.reason),
  }),
  input: ({ values }) => ({ org: values.org, email: values.email, reason: values.reason }),
  handler: async ({ org, email, reason }, out) => {
    await getDatabaseHandle();
    const result = await erasePersonAsOperator(await orgIdFor(org), email, reason);
    const c = result.counts;
    print(
      out,
      `Erased person ${result.personId}: ${c.accessEvents} access events, ${c.signals} signals, ${c.riskRows} risk rows, ${c.attestationRequests} attestation requests blanked, ${c.auditEntriesRedacted} audit entries redacted.`,
      result,
    );
  },
});
