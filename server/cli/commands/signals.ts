import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { listSignalsAsOperator } from '@/server/services/signals/queries';
import { command, orgFlag, orgIdFor, print } from '../args';

/** `vigil signals --org S [--kind K] [--person EMAIL]`. */
export const signals = command({
  args: z.object({
    org: orgFlag,
    kind: z
      .string()
      .regex(/^[a-z_]{1,60}$/)
      .optional(),
    person: z.email().optional(),
  }),
  input: ({ values }) => ({
    org: values.org,
    kind: values.kind || undefined,
    person: values.person || undefined,
  }),
  handler: async ({ org, kind, person }, out) => {
    await getDatabaseHandle();
    const rows = await listSignalsAsOperator(await orgIdFor(org), { kind, personEmail: person });
    print(
      out,
      rows.length === 0
        ? 'No signals.'
        : rows
            .map(
              (r) =>
                `${r.windowEnd.toISOString()}  ${r.severity.padEnd(8)} ${r.kind.padEnd(34)} ${r.person}  [${r.status}]\n    ${r.explanation}`,
            )
            .join('\n'),
      rows,
    );
  },
});
