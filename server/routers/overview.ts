import { signalsOverTimeSchema } from '@/server/domain/overview/inputs';
import { ANY_ROLE, INVENTORY_EDITORS, SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { gettingStarted } from '@/server/services/overview/getting-started';
import {
  getOverview,
  overviewDashboard,
  signalsOverTime,
} from '@/server/services/overview/overview-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const overviewRouter = createRouter({
  summary: orgProcedure(ANY_ROLE).query(({ ctx }) => getOverview(ctx.actor)),
  // Sections for the roles that may read them; the rest come back null.
  dashboard: orgProcedure(ANY_ROLE).query(({ ctx }) => overviewDashboard(ctx.actor)),
  // A new organization's first steps, for those who take them.
  gettingStarted: orgProcedure(INVENTORY_EDITORS).query(({ ctx }) => gettingStarted(ctx.actor)),
  signalsOverTime: orgProcedure(SIGNAL_READERS)
    .input(signalsOverTimeSchema)
    .query(({ ctx, input }) => signalsOverTime(ctx.actor, input)),
});
