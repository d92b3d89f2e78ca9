import { exportIndicatorsSchema, importIndicatorsSchema } from '@/server/domain/indicators/inputs';
import { listMatchesSchema, reviewMatchSchema } from '@/server/domain/screening/inputs';
import { SCREENING_READERS, SCREENING_REVIEWERS } from '@/server/domain/tenancy/roles';
import { userActor } from '@/server/services/audit/log';
import { exportIndicators } from '@/server/services/indicators/export-commands';
import { importIndicators } from '@/server/services/indicators/import-commands';
import {
  listMatches,
  listWatchlist,
  screeningCounts,
} from '@/server/services/screening/match-queries';
import { reviewMatch } from '@/server/services/screening/matches';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const screeningRouter = createRouter({
  matches: orgProcedure(SCREENING_READERS)
    .input(listMatchesSchema)
    .query(({ ctx, input }) => listMatches(ctx.actor, input)),
  counts: orgProcedure(SCREENING_READERS).query(({ ctx }) => screeningCounts(ctx.actor)),
  watchlist: orgProcedure(SCREENING_READERS).query(({ ctx }) => listWatchlist(ctx.actor)),
  review: orgProcedure(SCREENING_REVIEWERS)
    .input(reviewMatchSchema)
    .mutation(({ ctx, input }) => reviewMatch(ctx.actor, input)),
  // docs/IMPOSTORS.md §Sharing. Exporting is a mutation: the export itself is audited.
  exportIndicators: orgProcedure(SCREENING_REVIEWERS)
    .input(exportIndicatorsSchema)
    .mutation(({ ctx, input }) =>
      exportIndicators({ ...ctx.actor, audit: userActor(ctx.actor) }, input),
    ),
  importIndicators: orgProcedure(SCREENING_REVIEWERS)
    .input(importIndicatorsSchema)
    .mutation(({ ctx, input }) =>
      importIndicators({ ...ctx.actor, audit: userActor(ctx.actor) }, input),
    ),
});
