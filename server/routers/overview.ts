import { ANY_ROLE } from '@/server/domain/tenancy/roles';
import { getOverview } from '@/server/services/overview-service';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const overviewRouter = createRouter({
  summary: orgProcedure(ANY_ROLE).query(({ ctx }) => getOverview(ctx.actor)),
});
