import { updateRetentionSchema } from '@/server/domain/retention/inputs';
import { PRIVACY_ADMINS, RETENTION_READERS } from '@/server/domain/tenancy/roles';
import { getRetention, updateRetention } from '@/server/services/retention/settings-commands';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const retentionRouter = createRouter({
  get: orgProcedure(RETENTION_READERS).query(({ ctx }) => getRetention(ctx.actor)),
  update: orgProcedure(PRIVACY_ADMINS)
    .input(updateRetentionSchema)
    .mutation(({ ctx, input }) => updateRetention(ctx.actor, input)),
});
