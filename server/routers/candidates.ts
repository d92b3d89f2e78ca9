import {
  candidateIdSchema,
  convertCandidateSchema,
  importCandidatesSchema,
  listCandidatesSchema,
  recordCheckSchema,
} from '@/server/domain/candidates/inputs';
import { CANDIDATE_READERS, CANDIDATE_SCREENERS } from '@/server/domain/tenancy/roles';
import { userActor } from '@/server/services/audit/log';
import { getCandidate, listCandidates } from '@/server/services/candidates/candidate-queries';
import { recordCandidateCheck } from '@/server/services/candidates/check-commands';
import { convertCandidate } from '@/server/services/candidates/hire';
import { importCandidates } from '@/server/services/candidates/import';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const candidatesRouter = createRouter({
  list: orgProcedure(CANDIDATE_READERS)
    .input(listCandidatesSchema)
    .query(({ ctx, input }) => listCandidates(ctx.actor, input)),
  get: orgProcedure(CANDIDATE_READERS)
    .input(candidateIdSchema)
    .query(({ ctx, input }) => getCandidate(ctx.actor, input)),
  recordCheck: orgProcedure(CANDIDATE_SCREENERS)
    .input(recordCheckSchema)
    .mutation(({ ctx, input }) => recordCandidateCheck(ctx.actor, input)),
  // The override itself is refused inside the gate to anyone but an admin.
  convert: orgProcedure(CANDIDATE_SCREENERS)
    .input(convertCandidateSchema)
    .mutation(({ ctx, input }) => convertCandidate(ctx.actor, input)),
  import: orgProcedure(CANDIDATE_SCREENERS)
    .input(importCandidatesSchema)
    .mutation(({ ctx, input }) =>
      importCandidates({ ...ctx.actor, audit: userActor(ctx.actor) }, input.format, input.csv, {
        dryRun: input.dryRun,
      }),
    ),
});
