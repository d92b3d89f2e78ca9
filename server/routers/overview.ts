import { ANY_ROLE, SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { signalsOverTime, signalsOverTimeSchema } from '@/server/services/overview/signal-trend';
import { overviewDashboard } from '@/server/services/overview/dashboard';
import { getOverview } from '@/server/services/overview/counts';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const overviewRouter = createRouter({
  summary: orgProcedure(ANY_ROLE).query(({ ctx }) => getOverview(ctx.actor)),
  // Sections for the roles that may read them; the rest come back null.
  dashboard: orgProcedure(ANY_ROLE).query(({ ctx }) => overviewDashboard(ctx.actor)),
  signalsOverTime: orgProcedure(SIGNAL_READERS)
    .input(signalsOverTimeSchema)
    .query(({ ctx, input }) => signalsOverTime(ctx.actor, input)),
});
