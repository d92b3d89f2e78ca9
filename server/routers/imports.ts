import { z } from 'zod';
import { MAX_IMPORT_BYTES } from '@/server/domain/import/csv';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { userActor } from '@/server/services/audit/log';
import { importKindSchema, runImport } from '@/server/services/import/run';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const runImportSchema = z.object({
  kind: importKindSchema,
  csv: z
    .string()
    .min(1, 'The file is empty')
    .max(MAX_IMPORT_BYTES, 'The file is larger than 10 MB; split it.'),
  dryRun: z.boolean(),
});

export const importsRouter = createRouter({
  // Preview (dryRun: true) and confirm (dryRun: false) run the same code; only confirm commits.
  run: orgProcedure(INVENTORY_EDITORS)
    .input(runImportSchema)
    .mutation(({ ctx, input }) =>
      runImport({ ...ctx.actor, audit: userActor(ctx.actor) }, input.kind, input.csv, {
        dryRun: input.dryRun,
      }),
    ),
});
