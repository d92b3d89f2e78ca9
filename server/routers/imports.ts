import { runImportSchema } from '@/server/domain/import/inputs';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { userActor } from '@/server/services/audit/log';
import { runImport } from '@/server/services/import/run';
import { createRouter, orgProcedure } from '@/server/trpc/init';

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
