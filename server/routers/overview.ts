import { ANY_ROLE, SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { signalsOverTime, signalsOverTimeSchema } from '@/server/services/dashboard-service';
import { getOverview } from '@/server/services/overview-service';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const overviewRouter = createRouter({
  summary: orgProcedure(ANY_ROLE).query(({ ctx }) => getOverview(ctx.actor)),
  signalsOverTime: orgProcedure(SIGNAL_READERS)
    .input(signalsOverTimeSchema)
    .query(({ ctx, input }) => signalsOverTime(ctx.actor, input)),
});
