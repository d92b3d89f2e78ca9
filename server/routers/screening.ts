import { listMatchesSchema, reviewMatchSchema } from '@/server/domain/screening/inputs';
import { SCREENING_READERS, SCREENING_REVIEWERS } from '@/server/domain/tenancy/roles';
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
});
