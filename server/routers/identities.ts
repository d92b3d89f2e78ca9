import { listActorsSchema, resolveActorSchema } from '@/server/domain/inventory/inputs';
import { IDENTITY_READERS, IDENTITY_RESOLVERS } from '@/server/domain/tenancy/roles';
import { listActorIdentities } from '@/server/services/inventory/identity-queries';
import { resolveActorIdentity } from '@/server/services/inventory/identity-resolution';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const identitiesRouter = createRouter({
  list: orgProcedure(IDENTITY_READERS)
    .input(listActorsSchema)
    .query(({ ctx, input }) => listActorIdentities(ctx.actor, input)),
  resolve: orgProcedure(IDENTITY_RESOLVERS)
    .input(resolveActorSchema)
    .mutation(({ ctx, input }) => resolveActorIdentity(ctx.actor, input)),
});
